using MhSupply.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Stock;

/// <summary>
/// "stock-months-backfill": the stock indicators read each card's month-end row (mh.stock_card_month), and a projection
/// writes only the months its card still holds. Months recorded before that table existed (an upgrade), or loaded in
/// bulk, or lost in a restore, have no row, and their indicators would read as "no data". Daily, and on demand, it finds
/// the cards whose first month with a ledger line has no row (two index probes per card) and asks each of their
/// facilities to rebuild its months from the whole ledger. A run with nothing missing rebuilds nothing; a facility that
/// fails does not stop the others, and the run then fails after them so Hangfire shows it.
/// </summary>
public sealed class StockMonthsBackfillJob(
    NpgsqlDataSource dataSource,
    IGrainFactory grains,
    IOptions<StockOptions> options,
    ILogger<StockMonthsBackfillJob> logger) : IRecurringJob
{
    public const string JobName = JobNames.StockMonthsBackfill;

    /// <summary>One facility at a time: a rebuild reads a facility's whole ledger, which a nightly job need not hurry.</summary>
    private const int Parallelism = 1;

    public string Name => JobName;

    public TimeZoneInfo ScheduleTimeZone => options.Value.CalculationOptions().TimeZone;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var missing = await FacilitiesMissingMonths(cancellationToken);
        return await FacilityFanOut.RunAsync(missing, Parallelism, facility => grains.GetGrain<IFacilityStockGrain>(facility).RebuildMonths(),
            rows => $"{missing.Count} facilit{(missing.Count == 1 ? "y" : "ies")} missing months, {rows} card-month row(s) rebuilt",
            logger, "Rebuilding the month rows of {Facility} failed", cancellationToken);
    }

    /// <summary>
    /// Facilities with a card whose first line's local month has no row. The month is the facilities' calendar
    /// (Stock:TimeZone, an IANA name PostgreSQL reads too), as <see cref="CardMonths"/> keys its rows.
    /// </summary>
    private async Task<List<string>> FacilitiesMissingMonths(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT c.facility
            FROM mh.stock_card c
            CROSS JOIN LATERAL (SELECT min(e.occurred_at) AS first FROM mh.stock_event e
                                WHERE e.facility = c.facility AND e.medicine = c.medicine) f
            WHERE f.first IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM mh.stock_card_month m
                              WHERE m.facility = c.facility AND m.medicine = c.medicine
                                AND m.period = date_trunc('month', f.first AT TIME ZONE @zone)::date)
            ORDER BY c.facility
            """);
        command.Parameters.AddWithValue("zone", options.Value.CalculationOptions().TimeZone.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var facilities = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            facilities.Add(reader.GetString(0));
        }
        return facilities;
    }
}
