using MhSupply.Hosting;
using MhSupply.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Dapper;
using Npgsql;

namespace MhSupply.Alerts;

/// <summary>
/// "alert-scan": raises the time-based stock alerts and escalates unacknowledged ones. It claims due-index rows whose
/// time has come (oldest first, in batches, skipping rows another scanner holds) and handles each kind with one set-based
/// statement, so its cost grows with what is due. First it has the facilities with unprojected reports project (the
/// lot due-index and the read model's lots follow a commit by a moment): only those grains are called, and a facility
/// whose silo died before projecting is recovered here at the latest. A facility's reporting check (report_due) is
/// evaluated by <see cref="ReportingSchedule"/>, which raises, rewords or resolves its report_overdue alert and sets its
/// next check.
/// </summary>
public sealed class AlertScanJob(NpgsqlDataSource dataSource, MhSupply.Stock.StockProjectionCatchUp stockProjection, IOptions<AlertOptions> options,
    ReportingSchedule reporting, [FromKeyedServices(Clock.Key)] TimeProvider clock) : IRecurringJob
{
    public const string JobName = JobNames.AlertScan;

    public string Name => JobName;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await stockProjection.CatchUpAllAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        var claimed = 0;
        for (var round = 0; round < 10_000; round++)
        {
            var (count, changes) = await ScanBatch(now, cancellationToken);
            claimed += count;
            foreach (var change in changes)
            {
                totals[change] = totals.GetValueOrDefault(change) + 1;
            }
            if (count < options.Value.ScanBatchSize)
            {
                break;
            }
        }
        return $"{claimed} due item(s); " + (totals.Count == 0 ? "no change" : string.Join(", ", totals.Select(t => $"{t.Value} {t.Key}")));
    }

    private async Task<(int Claimed, List<string> Changes)> ScanBatch(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand("""
            CREATE TEMP TABLE due ON COMMIT DROP AS
            WITH claimed AS (
                DELETE FROM mh.due_item WHERE ctid IN (
                    SELECT ctid FROM mh.due_item WHERE due_at <= @now ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED)
                RETURNING *)
            SELECT * FROM claimed
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("now", now.UtcDateTime);
            claim.Parameters.AddWithValue("limit", options.Value.ScanBatchSize);
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM due", connection, transaction);
        var claimed = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        var changes = new List<string>();
        if (claimed > 0)
        {
            var reportingDue = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT facility FROM due WHERE kind = 'report_due'", transaction: transaction, cancellationToken: cancellationToken))).AsList();
            var checkedFacilities = await reporting.CheckAsync(connection, transaction, reportingDue, now, JobName, cancellationToken);
            changes.AddRange(Enumerable.Repeat("reporting checked", checkedFacilities));
            await using var apply = new NpgsqlCommand(ApplySql, connection, transaction);
            apply.Parameters.AddWithValue("now", now.UtcDateTime);
            apply.Parameters.AddWithValue("escalate_at", (now + options.Value.EscalateAfter).UtcDateTime);
            await using var reader = await apply.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(reader.GetString(0));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return (claimed, changes);
    }

    // One statement per batch: raise expiring / expired_on_shelf for
    // lots still on the shelf (read from the stock_card read model), escalate alerts still open, and record each change.
    private const string ApplySql = """
        WITH lot AS (
            INSERT INTO mh.alert (id, kind, subject, facility, district, medicine, lot, status, message, raised_at)
            SELECT gen_random_uuid(), CASE d.kind WHEN 'lot_expiring' THEN 'expiring' ELSE 'expired_on_shelf' END, d.subject,
                   d.facility, c.district, d.medicine, d.lot, 'open',
                   CASE d.kind WHEN 'lot_expiring'
                        THEN 'Lot ' || d.lot || ' of ' || d.medicine || ' at ' || d.facility || ' expires on ' || (l->>'expiry') || ' with ' || (l->>'soh') || ' units on hand.'
                        ELSE 'Lot ' || d.lot || ' of ' || d.medicine || ' at ' || d.facility || ' expired on ' || (l->>'expiry') || ' with ' || (l->>'soh') || ' units on the shelf; write it off.'
                   END, @now
            FROM due d
            JOIN mh.stock_card c ON c.facility = d.facility AND c.medicine = d.medicine
            CROSS JOIN LATERAL jsonb_array_elements(c.lots) l
            WHERE d.kind IN ('lot_expiring', 'lot_expired') AND l->>'lot' = d.lot AND (l->>'soh')::int > 0
            ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
            RETURNING id
        ), superseded AS (
            UPDATE mh.alert a SET status = 'resolved', resolved_at = @now
            FROM due d
            WHERE d.kind = 'lot_expired' AND a.kind = 'expiring' AND a.subject = d.subject AND a.status <> 'resolved'
              AND EXISTS (SELECT 1 FROM mh.stock_card c CROSS JOIN LATERAL jsonb_array_elements(c.lots) l
                          WHERE c.facility = d.facility AND c.medicine = d.medicine AND l->>'lot' = d.lot AND (l->>'soh')::int > 0)
            RETURNING a.id
        ), escalated AS (
            UPDATE mh.alert a SET escalated_at = @now
            FROM due d
            WHERE d.kind = 'escalate' AND a.id = d.alert_id AND a.status = 'open' AND a.escalated_at IS NULL
            RETURNING a.id
        ), referral AS (
            INSERT INTO mh.alert (id, kind, subject, facility, district, referral, status, message, raised_at)
            SELECT gen_random_uuid(), d.alert_kind, d.subject, d.facility, d.district, d.referral, 'open', d.message, @now
            FROM due d WHERE d.kind IN ('referral_due', 'follow_up_due') AND NOT d.escalation
            ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
            RETURNING id
        ), tracing_raised AS (
            -- Tracing failed: escalate the missed follow-up's alert, raising it (already escalated) if none is open.
            INSERT INTO mh.alert (id, kind, subject, facility, district, referral, status, message, raised_at, escalated_at)
            SELECT gen_random_uuid(), d.alert_kind, d.subject, d.facility, d.district, d.referral, 'open', d.message, @now, @now
            FROM due d WHERE d.kind = 'follow_up_due' AND d.escalation
            ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
            RETURNING id
        ), tracing_escalated AS (
            UPDATE mh.alert a SET escalated_at = @now, message = d.message
            FROM due d
            WHERE d.kind = 'follow_up_due' AND d.escalation AND a.kind = d.alert_kind AND a.subject = d.subject
              AND a.status <> 'resolved' AND a.escalated_at IS NULL
            RETURNING a.id
        ), raised AS (
            SELECT id FROM lot UNION ALL SELECT id FROM referral UNION ALL SELECT id FROM tracing_raised
        ), escalation_due AS (
            INSERT INTO mh.due_item (kind, subject, due_at, alert_id)
            SELECT 'escalate', id::text, @escalate_at, id FROM raised
            ON CONFLICT (kind, subject) DO NOTHING
        )
        INSERT INTO mh.alert_change (alert_id, change, at, actor)
        SELECT id, 'raised', @now, 'alert-scan' FROM raised
        UNION ALL SELECT id, 'resolved', @now, 'alert-scan' FROM superseded
        UNION ALL SELECT id, 'escalated', @now, 'alert-scan' FROM escalated
        UNION ALL SELECT id, 'escalated', @now, 'alert-scan' FROM tracing_escalated
        UNION ALL SELECT id, 'escalated', @now, 'alert-scan' FROM tracing_raised
        RETURNING change
        """;
}
