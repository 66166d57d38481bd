using MhSupply.Stock;
using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Alerts;

/// <summary>
/// Keeps the due-index in step with a stock commit, in its transaction: the facility's next report deadline moves on
/// (and an open report_overdue alert resolves), and each lot on the touched cards gets the times it turns expiring and
/// expired; lots no longer on the shelf leave the index.
/// </summary>
public static class DueIndexWriter
{
    public static IEnumerable<NpgsqlBatchCommand> Commands(string facility, DateTimeOffset nextReportDeadline,
        IReadOnlyDictionary<string, IReadOnlyList<LotBalance>> lotsByMedicine, int expiryWarningDays, DateTimeOffset now, string actor)
    {
        var report = new NpgsqlBatchCommand("""
            WITH due AS (
                INSERT INTO mh.due_item (kind, subject, due_at, facility) VALUES ('report_due', @facility, @deadline, @facility)
                ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at
            ), resolved AS (
                UPDATE mh.alert SET status = 'resolved', resolved_at = @now
                WHERE kind = 'report_overdue' AND subject = @facility AND status <> 'resolved'
                RETURNING id
            )
            INSERT INTO mh.alert_change (alert_id, change, at, actor) SELECT id, 'resolved', @now, @actor FROM resolved
            """);
        report.Parameters.AddWithValue("facility", facility);
        report.Parameters.AddWithValue("deadline", nextReportDeadline.UtcDateTime);
        report.Parameters.AddWithValue("now", now.UtcDateTime);
        report.Parameters.AddWithValue("actor", actor);
        yield return report;

        var lots = lotsByMedicine.SelectMany(m => m.Value.Where(l => l.Expiry is not null && l.Soh > 0).Select(l => (Medicine: m.Key, Lot: l))).ToList();
        var command = new NpgsqlBatchCommand("""
            WITH wanted AS (
                SELECT * FROM unnest(@medicines, @lots, @expiries) AS w(medicine, lot, expiry)
            ), cleared AS (
                DELETE FROM mh.due_item d
                WHERE d.kind IN ('lot_expiring', 'lot_expired') AND d.facility = @facility AND d.medicine = ANY(@touched)
                  AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.medicine = d.medicine AND w.lot = d.lot)
            )
            INSERT INTO mh.due_item (kind, subject, due_at, facility, medicine, lot)
            SELECT k.kind, @facility || '/' || w.medicine || '/' || w.lot,
                   (CASE k.kind WHEN 'lot_expiring' THEN w.expiry - @warning_days ELSE w.expiry + 1 END)::timestamp AT TIME ZONE 'UTC',
                   @facility, w.medicine, w.lot
            FROM wanted w CROSS JOIN (VALUES ('lot_expiring'), ('lot_expired')) AS k(kind)
            ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at
            """);
        var p = command.Parameters;
        p.AddWithValue("facility", facility);
        p.AddWithValue("touched", lotsByMedicine.Keys.ToArray());
        p.AddWithValue("warning_days", expiryWarningDays);
        p.AddWithValue("medicines", lots.Select(l => l.Medicine).ToArray());
        p.AddWithValue("lots", lots.Select(l => l.Lot.Lot).ToArray());
        p.Add(new NpgsqlParameter("expiries", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = lots.Select(l => l.Lot.Expiry!.Value).ToArray() });
        yield return command;
    }
}
