using Npgsql;

namespace MhSupply.Alerts;

/// <summary>The alert scan's statements: claim what is due, then raise, escalate and resolve for it in one statement.</summary>
public static partial class AlertWriter
{
    /// <summary>The transaction's temporary table of claimed due-index rows (mh.due_item's columns), read by the scan.</summary>
    public const string ClaimedTable = "due";

    /// <summary>
    /// Takes the oldest due-index rows whose time has come out of the index into <see cref="ClaimedTable"/> (dropped on
    /// commit), skipping rows another scanner holds: a scan that fails puts them back by rolling back.
    /// </summary>
    public static NpgsqlBatchCommand ClaimDue(DateTimeOffset now, int limit)
    {
        var command = new NpgsqlBatchCommand($"""
            CREATE TEMP TABLE {ClaimedTable} ON COMMIT DROP AS
            WITH claimed AS (
                DELETE FROM mh.due_item WHERE ctid IN (
                    SELECT ctid FROM mh.due_item WHERE due_at <= @now ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED)
                RETURNING *)
            SELECT * FROM claimed
            """);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }

    /// <summary>
    /// One statement for a claimed batch: raises the lot alerts of due lots still on the shelf (the domain's conditions,
    /// with their cards' districts), resolves an expiring alert its lot's expiry supersedes, escalates alerts still open,
    /// raises referral and follow-up alerts whose deadline passed (escalating a follow-up whose tracing failed), schedules
    /// each raised alert's escalation, and records each change. Answers one row per change, its name.
    /// </summary>
    public static NpgsqlBatchCommand ApplyDue(DateTimeOffset now, DateTimeOffset escalateAt,
        IReadOnlyList<(AlertCondition Alert, string District)> lotAlerts, string actor)
    {
        var command = new NpgsqlBatchCommand($"""
            WITH lot_due AS (
                SELECT * FROM unnest(@lot_kinds, @lot_subjects, @lot_facilities, @lot_districts, @lot_medicines, @lot_lots, @lot_messages,
                                     @lot_codes, @lot_params)
                    AS w(kind, subject, facility, district, medicine, lot, message, code, params)
            ), lot AS (
                INSERT INTO mh.alert (id, kind, subject, facility, district, medicine, lot, status, message, message_code, message_params, raised_at)
                SELECT gen_random_uuid(), w.kind, w.subject, w.facility, w.district, w.medicine, w.lot, 'open', w.message, w.code, w.params, @now
                FROM lot_due w
                ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                RETURNING id
            ), superseded AS (
                UPDATE mh.alert a SET status = 'resolved', resolved_at = @now
                FROM lot_due w
                WHERE w.kind = 'expired_on_shelf' AND a.kind = 'expiring' AND a.subject = w.subject AND a.status <> 'resolved'
                RETURNING a.id
            ), escalated AS (
                UPDATE mh.alert a SET escalated_at = @now
                FROM {ClaimedTable} d
                WHERE d.kind = 'escalate' AND a.id = d.alert_id AND a.status = 'open' AND a.escalated_at IS NULL
                RETURNING a.id
            ), referral AS (
                INSERT INTO mh.alert (id, kind, subject, facility, district, referral, status, message, message_code, message_params, raised_at)
                SELECT gen_random_uuid(), d.alert_kind, d.subject, d.facility, d.district, d.referral, 'open', d.message, d.message_code,
                       d.message_params, @now
                FROM {ClaimedTable} d WHERE d.kind IN ('referral_due', 'follow_up_due', 'order_due') AND NOT d.escalation
                ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                RETURNING id
            ), tracing_raised AS (
                -- Tracing failed: escalate the missed follow-up's alert, raising it (already escalated) if none is open.
                INSERT INTO mh.alert (id, kind, subject, facility, district, referral, status, message, message_code, message_params, raised_at,
                                      escalated_at)
                SELECT gen_random_uuid(), d.alert_kind, d.subject, d.facility, d.district, d.referral, 'open', d.message, d.message_code,
                       d.message_params, @now, @now
                FROM {ClaimedTable} d WHERE d.kind = 'follow_up_due' AND d.escalation
                ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                RETURNING id
            ), tracing_escalated AS (
                UPDATE mh.alert a SET escalated_at = @now, message = d.message, message_code = d.message_code, message_params = d.message_params
                FROM {ClaimedTable} d
                WHERE d.kind = 'follow_up_due' AND d.escalation AND a.kind = d.alert_kind AND a.subject = d.subject
                  AND a.status <> 'resolved' AND a.escalated_at IS NULL
                RETURNING a.id
            ), raised AS (
                SELECT id FROM lot UNION ALL SELECT id FROM referral UNION ALL SELECT id FROM tracing_raised
            ), {EscalationOfRaised("@escalate_at")}
            INSERT INTO mh.alert_change (alert_id, change, at, actor)
            SELECT id, 'raised', @now, @actor FROM raised
            UNION ALL SELECT id, 'resolved', @now, @actor FROM superseded
            UNION ALL SELECT id, 'escalated', @now, @actor FROM escalated
            UNION ALL SELECT id, 'escalated', @now, @actor FROM tracing_escalated
            UNION ALL SELECT id, 'escalated', @now, @actor FROM tracing_raised
            RETURNING change
            """);
        var p = command.Parameters;
        p.AddWithValue("now", now.UtcDateTime);
        p.AddWithValue("escalate_at", escalateAt.UtcDateTime);
        p.AddWithValue("actor", actor);
        p.AddWithValue("lot_kinds", lotAlerts.Select(l => l.Alert.Kind).ToArray());
        p.AddWithValue("lot_subjects", lotAlerts.Select(l => l.Alert.Subject).ToArray());
        p.AddWithValue("lot_facilities", lotAlerts.Select(l => l.Alert.Facility).ToArray());
        p.AddWithValue("lot_districts", lotAlerts.Select(l => l.District).ToArray());
        p.AddWithValue("lot_medicines", lotAlerts.Select(l => l.Alert.Medicine!).ToArray());
        p.AddWithValue("lot_lots", lotAlerts.Select(l => l.Alert.Lot!).ToArray());
        AddTexts(p, "lot_messages", "lot_codes", "lot_params", lotAlerts.Select(l => l.Alert.Text).ToList());
        return command;
    }
}
