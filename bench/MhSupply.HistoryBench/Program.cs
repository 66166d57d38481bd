using System.Diagnostics;
using MhSupply.Hosting;
using MhSupply.Jobs;
using MhSupply.Stock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

// The facility-history benchmark (bench/README.md, "facility-history"): what a facility costs with a long history. This
// process is the silo. Facilities of 30 cards with one month of daily dispensing, one month with 150,000 events and five
// years of daily dispensing: the first read after activation from the ledger alone (no snapshot yet) and from the snapshot
// (the usual case), the managed heap and resident memory each active facility holds; then the nightly stock-refresh over
// 1,000 facilities with a year of history each. Baseline in the same run: the previous design's activation, every event
// of the facility read and held on full cards.
// Usage: MhSupply.HistoryBench <connection string> [--copies N] [--refresh-facilities N]
var connectionString = args.Length > 0 ? args[0] : throw new ArgumentException("connection string required");
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var copies = Arg("--copies", 20);
var refreshFacilities = Arg("--refresh-facilities", 1_000);

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:MhSupply"] = connectionString,
    ["Orleans:ClusterId"] = "history-bench",
    ["Orleans:SiloPort"] = Arg("--silo-port", 11411).ToString(),
    ["Orleans:GatewayPort"] = Arg("--gateway-port", 30400).ToString(),
    ["Jobs:RunServer"] = "false",
    ["Logging:LogLevel:Default"] = "Warning",
    ["Logging:LogLevel:MhSupply.Stock"] = "Error",
});
builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddMhSupplyJobs(builder.Configuration);
builder.UseOrleans(silo => silo.AddMhSupplySilo(builder.Configuration));
using var host = builder.Build();
await StartupTasks.PrepareDatabaseAsync(host.Services, builder.Configuration);
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
await using var db = NpgsqlDataSource.Create(connectionString);
var data = new HistoryData(db);
var ledger = new StockLedger(db);

var shapes = new[]
{
    new Shape("1 month, daily", "h1m", Days: 30, PerDay: 3, Stride: 1, copies),
    new Shape("1 month, 150k events", "h1d", Days: 30, PerDay: 167, Stride: 1, 1),
    new Shape("5 years, daily", "h5y", Days: 5 * 365 + 1, PerDay: 3, Stride: 1, copies),
};
Console.WriteLine("Populating the ledger...");
var populate = Stopwatch.StartNew();
var medicines = await data.MedicinesAsync(30);
foreach (var shape in shapes)
{
    await data.PopulateAsync(shape, medicines);
}
await data.PopulateAsync(new Shape("refresh", "hr", Days: 365, PerDay: 1, Stride: 2, refreshFacilities), medicines);
await data.AnalyzeAsync();
Console.WriteLine($"  {await data.ScalarAsync("SELECT count(*) FROM mh.stock_event"):N0} events in {populate.Elapsed.TotalSeconds:F0} s");

var results = new List<(Shape Shape, long Events, double Cold, double Warm, double Baseline, double HeapKb, double RssKb, double BaselineKb, FacilityStockMemory Memory)>();
// Cold: no snapshot yet (the first activation after this version is deployed) reads the whole ledger once. Then every
// copy once, so each has a snapshot (written as its activation goes).
var cold = new Dictionary<Shape, double>();
foreach (var shape in shapes)
{
    cold[shape] = await Timed(() => grains.GetGrain<IFacilityStockGrain>(shape.Facility(1)).GetStock(null));
    for (var i = 2; i <= shape.Copies; i++)
    {
        await grains.GetGrain<IFacilityStockGrain>(shape.Facility(i)).GetStock(null);
    }
}
await DeactivateAll(grains);
// From the snapshot: a round to warm up, then seven, the shapes taking turns so that none runs on a colder process.
var warm = shapes.ToDictionary(s => s, _ => new List<double>());
for (var round = 0; round < 8; round++)
{
    foreach (var shape in shapes)
    {
        var elapsed = await Timed(() => grains.GetGrain<IFacilityStockGrain>(shape.Facility(1)).GetStock(null));
        await DeactivateAll(grains);
        if (round > 0)
        {
            warm[shape].Add(elapsed);
        }
    }
}
foreach (var shape in shapes)
{
    var first = shape.Facility(1);
    var events = await data.ScalarAsync($"SELECT count(*) FROM mh.stock_event WHERE facility = '{first}'");
    // Memory: every copy active at once, measured after a full, aggressive collection before and after.
    var (heap0, rss0) = Memory();
    for (var i = 1; i <= shape.Copies; i++)
    {
        await grains.GetGrain<IFacilityStockGrain>(shape.Facility(i)).GetStock(null);
    }
    var (heap1, rss1) = Memory();
    var memory = await grains.GetGrain<IFacilityStockGrain>(first).Describe();
    await DeactivateAll(grains);

    // Baseline: the previous design's activation, every event read and held on full cards.
    var (baseHeap0, _) = Memory();
    var held = new List<StockCard>();
    var baseline = await Timed(async () =>
    {
        var rows = await ledger.LoadAsync(first, medicines: null);
        held.AddRange(rows.GroupBy(r => r.Medicine).Select(g => StockCard.FromLedger(g.Select(r => r.ToEvent()))));
    });
    var (baseHeap1, _) = Memory();
    GC.KeepAlive(held);
    held.Clear();
    results.Add((shape, events, cold[shape], Median(warm[shape]), baseline, (heap1 - heap0) / 1024.0 / shape.Copies,
        (rss1 - rss0) / 1024.0 / shape.Copies, (baseHeap1 - baseHeap0) / 1024.0, memory));
}

// The nightly refresh: first night after deploying (no snapshot: each facility's ledger is read once), then the next
// night (a day of reports since, every facility's read model a day old, nothing active).
var refresh = grains.GetGrain<IRecurringJobGrain>(JobNames.StockRefresh);
await data.MakeReadModelStaleAsync("hr-", create: true, medicines);
await DeactivateAll(grains);
var coldRefresh = Stopwatch.StartNew();
var coldSummary = await refresh.Run();
coldRefresh.Stop();
await DeactivateAll(grains);
await data.AddADayAsync("hr-", refreshFacilities, medicines);
await data.MakeReadModelStaleAsync("hr-", create: false, medicines);
var warmRefresh = Stopwatch.StartNew();
var warmSummary = await refresh.Run();
warmRefresh.Stop();

Console.WriteLine();
Console.WriteLine("First stock read after activation, 30 cards (median of 7 activations from the snapshot; ledger-only once):");
Console.WriteLine($"  {"facility",-22} {"events",9} {"from snapshot",14} {"ledger only",12} {"baseline",10} {"held lines",11} {"heap/facility",14} {"RSS/facility",13} {"baseline heap",14}");
foreach (var r in results)
{
    Console.WriteLine($"  {r.Shape.Name,-22} {r.Events,9:N0} {r.Warm,11:N1} ms {r.Cold,9:N1} ms {r.Baseline,7:N1} ms {r.Memory.HeldLines,11:N0} {r.HeapKb,11:N1} KB {r.RssKb,10:N1} KB {r.BaselineKb,11:N0} KB");
}
var month = results[0];
var dense = results[1];
var years = results[2];
Console.WriteLine();
Console.WriteLine($"  5 years vs 1 month daily: {years.Warm / month.Warm:N2}x the time (target ≤ 1.5x); vs 1 month of 150k events: {years.Warm / dense.Warm:N2}x");
Console.WriteLine($"  5 years holds {years.HeapKb:N1} KB of managed heap per active facility, {years.RssKb:N1} KB resident (target < 200 KB);" +
    $" the baseline held {years.BaselineKb:N0} KB ({years.BaselineKb / Math.Max(years.HeapKb, 0.1):N0}x)");
Console.WriteLine($"  5 years from the snapshot vs baseline (whole ledger read): {years.Warm / years.Baseline:P0} of its time");
Console.WriteLine();
Console.WriteLine($"Nightly stock-refresh over {refreshFacilities:N0} facilities, ~{await data.ScalarAsync("SELECT count(*) FROM mh.stock_event WHERE facility LIKE 'hr-%'") / refreshFacilities:N0} events each:");
Console.WriteLine($"  first night (ledger only): {coldRefresh.Elapsed.TotalSeconds,6:N1} s  ({coldSummary})");
Console.WriteLine($"  next night (snapshots):    {warmRefresh.Elapsed.TotalSeconds,6:N1} s  ({warmSummary}); target < 60 s");
await host.StopAsync();
var ok = years.Warm <= 1.5 * month.Warm && years.RssKb < 200 && years.HeapKb < 200 && warmRefresh.Elapsed.TotalSeconds < 60;
Console.WriteLine(ok ? "All targets met." : "A target was missed.");
return ok ? 0 : 2;

static async Task<double> Timed(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static (long Heap, long Rss) Memory()
{
    // Aggressive: compacts and gives back to the system every page it can, so resident memory is the live heap's.
    for (var i = 0; i < 3; i++)
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    var rss = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return (heap, long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024);
}

static async Task DeactivateAll(IGrainFactory grains)
{
    var management = grains.GetGrain<IManagementGrain>(0);
    for (var attempt = 0; attempt < 100; attempt++)
    {
        await management.ForceActivationCollection(TimeSpan.Zero);
        var stats = await management.GetSimpleGrainStatistics();
        if (stats.Where(s => s.GrainType.Contains("FacilityStock", StringComparison.OrdinalIgnoreCase)).Sum(s => s.ActivationCount) == 0)
        {
            return;
        }
        await Task.Delay(50);
    }
    throw new InvalidOperationException("facility grains did not deactivate");
}

internal sealed record Shape(string Name, string Prefix, int Days, int PerDay, int Stride, int Copies)
{
    public string Facility(int i) => $"{Prefix}-{i}";
}
