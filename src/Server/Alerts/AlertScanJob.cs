using MhSupply.Hosting;
using MhSupply.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Dapper;
using MhSupply.Stock;
using Npgsql;

namespace MhSupply.Alerts;

/// <summary>
/// "alert-scan": raises the time-based stock alerts and escalates unacknowledged ones. It claims due-index rows whose
/// time has come (oldest first, in batches, skipping rows another scanner holds) and handles them with one set-based
/// statement of <see cref="AlertWriter"/>, so its cost grows with what is due. First it has the facilities with unprojected reports project (the
/// lot due-index and the read model's lots follow a commit by a moment): only those grains are called, and a facility
/// whose silo died before projecting is recovered here at the latest. A facility's reporting check (report_due) is
/// evaluated by <see cref="ReportingSchedule"/>, which raises, rewords or resolves its report_overdue alert and sets its
/// next check.
/// </summary>
public sealed class AlertScanJob(NpgsqlDataSource dataSource, StockProjectionCatchUp stockProjection, IOptions<AlertOptions> options,
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
        await using (var claim = new NpgsqlBatch(connection, transaction) { BatchCommands = { AlertWriter.ClaimDue(now, options.Value.ScanBatchSize) } })
        {
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {AlertWriter.ClaimedTable}", connection, transaction);
        var claimed = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        var changes = new List<string>();
        if (claimed > 0)
        {
            var reportingDue = (await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT facility FROM {AlertWriter.ClaimedTable} WHERE kind = 'report_due'", transaction: transaction,
                cancellationToken: cancellationToken))).AsList();
            var checkedFacilities = await reporting.CheckAsync(connection, transaction, reportingDue, now, JobName, cancellationToken);
            changes.AddRange(Enumerable.Repeat("reporting checked", checkedFacilities));
            var lotAlerts = await DueLotsOnShelf(connection, transaction, cancellationToken);
            await using var apply = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands = { AlertWriter.ApplyDue(now, now + options.Value.EscalateAfter, lotAlerts, JobName) },
            };
            await using var reader = await apply.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(reader.GetString(0));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return (claimed, changes);
    }

    /// <summary>
    /// The alerts of the claimed lots that are still on the shelf (as the stock_card read model has them), in the domain's
    /// words; a lot no longer on the shelf raises nothing. A due lot always has an expiry (the index holds dated lots).
    /// </summary>
    private static async Task<List<(AlertCondition Alert, string District)>> DueLotsOnShelf(NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT d.kind = 'lot_expired', d.facility, c.district, d.medicine, d.lot, (l->>'expiry')::date, (l->>'soh')::int,
                   f.name, m.name, m.strength, m.form
            FROM {AlertWriter.ClaimedTable} d
            JOIN mh.stock_card c ON c.facility = d.facility AND c.medicine = d.medicine
            JOIN mh.facility f ON f.id = d.facility
            JOIN mh.medicine m ON m.code = d.medicine
            CROSS JOIN LATERAL jsonb_array_elements(c.lots) l
            WHERE d.kind IN ('lot_expiring', 'lot_expired') AND l->>'lot' = d.lot AND (l->>'soh')::int > 0
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<(AlertCondition, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // The words name the facility and the medicine as people know them.
            var facility = new Named(reader.GetString(1), reader.GetString(7));
            var medicine = new Named(reader.GetString(3), AlertMessages.MedicineName(reader.GetString(8), reader.GetString(9), reader.GetString(10)));
            var lot = new LotBalance(reader.GetString(4), reader.GetFieldValue<DateOnly>(5), reader.GetInt32(6));
            alerts.Add((reader.GetBoolean(0) ? StockAlertRules.ExpiredOnShelf(facility, medicine, lot) : StockAlertRules.Expiring(facility, medicine, lot),
                reader.GetString(2)));
        }
        return alerts;
    }
}
