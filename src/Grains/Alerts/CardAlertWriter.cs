using MhSupply.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Alerts;

/// <summary>
/// Brings the card alerts of the touched cards in line with their conditions, inside the stock commit's transaction:
/// raises what is newly true, resolves what no longer is, and records each change. One statement, one round trip.
/// </summary>
public static class CardAlertWriter
{
    public static NpgsqlBatchCommand Command(string facility, string district, IReadOnlyCollection<string> touchedMedicines,
        IReadOnlyList<AlertCondition> conditions, DateTimeOffset now, string actor, TimeSpan escalateAfter)
    {
        var command = new NpgsqlBatchCommand("""
            WITH wanted AS (
                SELECT * FROM unnest(@kinds, @subjects, @medicines, @lots, @messages) AS c(kind, subject, medicine, lot, message)
            ), raised AS (
                INSERT INTO mh.alert (id, kind, subject, facility, district, medicine, lot, status, message, raised_at)
                SELECT gen_random_uuid(), w.kind, w.subject, @facility, @district, w.medicine, w.lot, 'open', w.message, @now
                FROM wanted w
                ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                RETURNING id
            ), resolved AS (
                UPDATE mh.alert a SET status = 'resolved', resolved_at = @now
                WHERE a.facility = @facility AND a.medicine = ANY(@touched) AND a.kind = ANY(@card_kinds) AND a.status <> 'resolved'
                  AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.kind = a.kind AND w.subject = a.subject)
                RETURNING a.id
            ), escalation AS (
                INSERT INTO mh.due_item (kind, subject, due_at, alert_id)
                SELECT 'escalate', id::text, @escalate_at, id FROM raised
                ON CONFLICT (kind, subject) DO NOTHING
            )
            INSERT INTO mh.alert_change (alert_id, change, at, actor)
            SELECT id, 'raised', @now, @actor FROM raised
            UNION ALL
            SELECT id, 'resolved', @now, @actor FROM resolved
            """);
        var p = command.Parameters;
        p.AddWithValue("facility", facility);
        p.AddWithValue("district", district);
        p.AddWithValue("now", now.UtcDateTime);
        p.AddWithValue("actor", actor);
        p.AddWithValue("escalate_at", (now + escalateAfter).UtcDateTime);
        p.AddWithValue("touched", touchedMedicines.ToArray());
        p.AddWithValue("card_kinds", AlertKinds.CardKinds.ToArray());
        p.AddWithValue("kinds", conditions.Select(c => c.Kind).ToArray());
        p.AddWithValue("subjects", conditions.Select(c => c.Subject).ToArray());
        p.Add(new NpgsqlParameter("medicines", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = conditions.Select(c => (object?)c.Medicine ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("lots", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = conditions.Select(c => (object?)c.Lot ?? DBNull.Value).ToArray() });
        p.AddWithValue("messages", conditions.Select(c => c.Message).ToArray());
        return command;
    }
}
