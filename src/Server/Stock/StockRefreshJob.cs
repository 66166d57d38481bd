using MhSupply.Hosting;
using MhSupply.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Stock;

/// <summary>
/// "stock-refresh": the read model holds each card's figures as of its last change, and the calendar moves them without
/// any event (a new month moves the AMC basis and resets stock-out days; the projected date and the status follow), so
/// the district lists and the card alerts would go stale. Daily, shortly after local midnight, it asks each facility
/// with a row older than today to recompute its cards: one grain call and one commit per facility, only for facilities
/// found stale by index, so a run costs what is stale. A facility that fails does not stop the others; the run then
/// fails, after them, so Hangfire shows it and the next run (or any report) catches the facility up.
/// </summary>
public sealed class StockRefreshJob(
    NpgsqlDataSource dataSource,
    IGrainFactory grains,
    IOptions<StockOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<StockRefreshJob> logger) : IRecurringJob
{
    public const string JobName = JobNames.StockRefresh;

    /// <summary>Grain calls in flight at once: each takes one pooled connection for its commit.</summary>
    private const int Parallelism = 4;

    public string Name => JobName;

    /// <summary>Local days close at Stock:TimeZone's midnight, so "shortly after midnight" is read there.</summary>
    public TimeZoneInfo ScheduleTimeZone => options.Value.CalculationOptions().TimeZone;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var today = LocalDays.DateOf(clock.GetUtcNow(), options.Value.CalculationOptions().TimeZone);
        var stale = await StaleFacilities(today, cancellationToken);
        return await FacilityFanOut.RunAsync(stale, Parallelism, facility => grains.GetGrain<IFacilityStockGrain>(facility).RefreshFigures(),
            cards => $"{stale.Count} stale facilit{(stale.Count == 1 ? "y" : "ies")}, {cards} card(s) refreshed as of {today:yyyy-MM-dd}",
            logger, "Refreshing the stock figures of {Facility} failed", cancellationToken);
    }

    private async Task<List<string>> StaleFacilities(DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT facility FROM mh.stock_card WHERE as_of < @today ORDER BY facility");
        command.Parameters.AddWithValue("today", today);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var facilities = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            facilities.Add(reader.GetString(0));
        }
        return facilities;
    }
}
