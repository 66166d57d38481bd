using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Alerts;

/// <summary>The alerts kept in line with conditions the domain decides: a card's figures, a facility's reporting.</summary>
public static partial class AlertWriter
{
    /// <summary>
    /// Brings the card alerts of the projected cards in line with their conditions, inside the projection's transaction:
    /// raises what is newly true, resolves what no longer is, and records each change. One statement, one round trip. A
    /// change is dated when the card changed (the report that made it so), not when the projection ran.
    /// </summary>
    /// <param name="cards">The projected cards with the time each changed (its latest report, or now for a new day).</param>
    /// <param name="onHand">The projected cards' stock on hand: a course-sized shortfall resolves only once the course is there.</param>
    public static NpgsqlBatchCommand SyncCardAlerts(string facility, string district, IReadOnlyDictionary<string, DateTimeOffset> cards,
        IReadOnlyList<AlertCondition> conditions, string actor, TimeSpan escalateAfter, IReadOnlyDictionary<string, int>? onHand = null)
    {
        var command = new NpgsqlBatchCommand($"""
            WITH wanted AS (
                SELECT * FROM unnest(@kinds, @subjects, @medicines, @lots, @messages, @codes, @params, @raised_at)
                    AS c(kind, subject, medicine, lot, message, code, params, at)
            ), card AS (
                SELECT * FROM unnest(@touched, @touched_at, @touched_soh) AS t(medicine, at, soh)
            ), raised AS (
                INSERT INTO mh.alert (id, kind, subject, facility, district, medicine, lot, status, message, message_code, message_params, raised_at)
                SELECT gen_random_uuid(), w.kind, w.subject, @facility, @district, w.medicine, w.lot, 'open', w.message, w.code, w.params, w.at
                FROM wanted w
                ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                RETURNING id, raised_at
            ), resolved AS (
                UPDATE mh.alert a SET status = 'resolved', resolved_at = t.at
                FROM card t
                WHERE a.facility = @facility AND a.medicine = t.medicine AND a.kind = ANY(@card_kinds) AND a.status <> 'resolved'
                  AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.kind = a.kind AND w.subject = a.subject)
                RETURNING a.id, t.at
            ), supplied AS (
                -- The medicine a back-referral or follow-up found unavailable is there again (on hand, neither stocked out
                -- nor below EOP, and the course it needed when it named one, as ReferralStore.UnavailableAtAsync judges it):
                -- the interruption it warned of is over.
                UPDATE mh.alert a SET status = 'resolved', resolved_at = greatest(t.at, a.raised_at)
                FROM card t
                WHERE a.facility = @facility AND a.medicine = t.medicine AND a.kind = @prescribed AND a.status <> 'resolved'
                  AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.medicine = t.medicine AND w.kind = ANY(@short_kinds))
                  AND (a.message_params ->> 'needed' IS NULL OR t.soh >= (a.message_params ->> 'needed')::int)
                RETURNING a.id, greatest(t.at, a.raised_at) AS at
            ), {EscalationOfRaised("raised_at + @escalate_after")}
            INSERT INTO mh.alert_change (alert_id, change, at, actor)
            SELECT id, 'raised', raised_at, @actor FROM raised
            UNION ALL
            SELECT id, 'resolved', at, @actor FROM resolved
            UNION ALL
            SELECT id, 'resolved', at, @actor FROM supplied
            """);
        var p = command.Parameters;
        p.AddWithValue("facility", facility);
        p.AddWithValue("district", district);
        p.AddWithValue("actor", actor);
        p.AddWithValue("escalate_after", escalateAfter);
        p.AddWithValue("touched", cards.Keys.ToArray());
        p.AddWithValue("touched_at", cards.Values.Select(t => t.UtcDateTime).ToArray());
        p.AddWithValue("touched_soh", cards.Keys.Select(m => onHand?.GetValueOrDefault(m) ?? 0).ToArray());
        p.AddWithValue("raised_at", conditions.Select(c => cards[c.Medicine!].UtcDateTime).ToArray());
        p.AddWithValue("card_kinds", AlertKinds.CardKinds.ToArray());
        p.AddWithValue("prescribed", AlertKinds.PrescribedItemUnavailable);
        p.AddWithValue("short_kinds", new[] { AlertKinds.StockOut, AlertKinds.BelowEop });
        p.AddWithValue("kinds", conditions.Select(c => c.Kind).ToArray());
        p.AddWithValue("subjects", conditions.Select(c => c.Subject).ToArray());
        p.Add(new NpgsqlParameter("medicines", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = conditions.Select(c => (object?)c.Medicine ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("lots", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = conditions.Select(c => (object?)c.Lot ?? DBNull.Value).ToArray() });
        AddTexts(p, "messages", "codes", "params", conditions.Select(c => c.Text).ToList());
        return command;
    }

    /// <summary>
    /// Brings the one alert of a (kind, subject) in line with its condition, as one statement inside the caller's transaction:
    /// raises it when wanted and none is open (with its escalation due), rewrites the message of the open one when the
    /// condition's words changed (another month owed), resolves it when no longer wanted, and records each change.
    /// </summary>
    public static NpgsqlBatchCommand SyncSubjectAlert(string kind, string subject, string facility, string district, AlertCondition? wanted,
        DateTimeOffset at, string actor, TimeSpan escalateAfter)
    {
        var command = new NpgsqlBatchCommand($"""
            WITH open_alert AS (
                SELECT id, message, message_params FROM mh.alert WHERE kind = @kind AND subject = @subject AND status <> 'resolved'
            ), reworded AS (
                UPDATE mh.alert a SET message = @message, message_code = @code, message_params = @params
                FROM open_alert o WHERE a.id = o.id AND @message IS NOT NULL
                  AND (o.message IS DISTINCT FROM @message OR o.message_params IS DISTINCT FROM @params)
            ), raised AS (
                INSERT INTO mh.alert (id, kind, subject, facility, district, status, message, message_code, message_params, raised_at)
                SELECT gen_random_uuid(), @kind, @subject, @facility, @district, 'open', @message, @code, @params, @at
                WHERE @message IS NOT NULL AND NOT EXISTS (SELECT 1 FROM open_alert)
                ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                RETURNING id
            ), resolved AS (
                UPDATE mh.alert a SET status = 'resolved', resolved_at = @at
                FROM open_alert o WHERE a.id = o.id AND @message IS NULL
                RETURNING a.id
            ), {EscalationOfRaised("@at + @escalate_after")}
            INSERT INTO mh.alert_change (alert_id, change, at, actor)
            SELECT id, 'raised', @at, @actor FROM raised
            UNION ALL
            SELECT id, 'resolved', @at, @actor FROM resolved
            """);
        var p = command.Parameters;
        p.AddWithValue("kind", kind);
        p.AddWithValue("subject", subject);
        p.AddWithValue("facility", facility);
        p.AddWithValue("district", district);
        p.Add(new NpgsqlParameter("message", NpgsqlDbType.Text) { Value = (object?)wanted?.Message ?? DBNull.Value });
        p.Add(new NpgsqlParameter("code", NpgsqlDbType.Text) { Value = (object?)wanted?.Text.Code ?? DBNull.Value });
        p.Add(new NpgsqlParameter("params", NpgsqlDbType.Jsonb) { Value = ParamsJson(wanted?.Text) });
        p.AddWithValue("at", at.UtcDateTime);
        p.AddWithValue("actor", actor);
        p.AddWithValue("escalate_after", escalateAfter);
        return command;
    }
}
