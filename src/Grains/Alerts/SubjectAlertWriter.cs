using Npgsql;

namespace MhSupply.Alerts;

/// <summary>
/// Brings the one alert of a (kind, subject) in line with its condition, as one statement inside the caller's transaction:
/// raises it when wanted and none is open (with its escalation due), rewrites the message of the open one when the
/// condition's words changed (another month owed), resolves it when no longer wanted, and records each change.
/// </summary>
public static class SubjectAlertWriter
{
    public static NpgsqlBatchCommand Sync(string kind, string subject, string facility, string district, AlertCondition? wanted,
        DateTimeOffset at, string actor, TimeSpan escalateAfter)
    {
        var command = new NpgsqlBatchCommand("""
            WITH open_alert AS (
                SELECT id, message FROM mh.alert WHERE kind = @kind AND subject = @subject AND status <> 'resolved'
            ), reworded AS (
                UPDATE mh.alert a SET message = @message
                FROM open_alert o WHERE a.id = o.id AND @message IS NOT NULL AND o.message IS DISTINCT FROM @message
            ), raised AS (
                INSERT INTO mh.alert (id, kind, subject, facility, district, status, message, raised_at)
                SELECT gen_random_uuid(), @kind, @subject, @facility, @district, 'open', @message, @at
                WHERE @message IS NOT NULL AND NOT EXISTS (SELECT 1 FROM open_alert)
                ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                RETURNING id
            ), resolved AS (
                UPDATE mh.alert a SET status = 'resolved', resolved_at = @at
                FROM open_alert o WHERE a.id = o.id AND @message IS NULL
                RETURNING a.id
            ), escalation AS (
                INSERT INTO mh.due_item (kind, subject, due_at, alert_id)
                SELECT 'escalate', id::text, @at + @escalate_after, id FROM raised
                ON CONFLICT (kind, subject) DO NOTHING
            )
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
        p.Add(new NpgsqlParameter("message", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)wanted?.Message ?? DBNull.Value });
        p.AddWithValue("at", at.UtcDateTime);
        p.AddWithValue("actor", actor);
        p.AddWithValue("escalate_after", escalateAfter);
        return command;
    }
}
