using System.Diagnostics;
using MhSupply.Alerts;
using MhSupply.Persistence;
using MhSupply.Stock;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

// The alert-scan benchmark (bench/README.md, "alert-scan"): the real AlertScanJob over a due-index for 1,000,000 stock
// cards (lot expiry) and 1,000,000 follow-ups, 1% of each due, against the baseline a due-index avoids: one pass over
// every card's lots. Usage: MhSupply.ScanBench <connection string> [--cards N] [--followups N] [--due-percent P]
var connectionString = args.Length > 0 ? args[0] : throw new ArgumentException("connection string required");
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var cards = Arg("--cards", 1_000_000);
var followUps = Arg("--followups", 1_000_000);
var duePercent = Arg("--due-percent", 1);

var dataSource = NpgsqlDataSource.Create(ConnectionStrings.ForApplication(new DatabaseOptions { ConnectionString = connectionString }));
await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
var now = DateTimeOffset.UtcNow;

Console.WriteLine($"Populating {cards:N0} stock cards, {cards:N0} lot due rows and {followUps:N0} follow-up due rows ({duePercent}% due)...");
var populate = Stopwatch.StartNew();
await Execute("""
    INSERT INTO mh.facility (id, name, level, district, region)
    SELECT 'f-' || i, 'Facility ' || i, 'phc', 'd-' || (i % 50), 'r-1' FROM generate_series(0, 999) i ON CONFLICT DO NOTHING
    """);
await Execute($"""
    INSERT INTO mh.stock_card (facility, medicine, district, region, soh, status, stockout_days_this_month, lots, as_of)
    SELECT 'f-' || (i % 1000), 'm-' || (i / 1000), 'd-' || ((i % 1000) % 50), 'r-1', 10, 'ok', 0,
           jsonb_build_array(jsonb_build_object('lot', 'L' || i, 'expiry', (date '2027-06-01' + (i % 300)), 'soh', 10)), current_date
    FROM generate_series(0, {cards - 1}) i
    """);
// Due rows: every 100/P-th card is due now; the others fall due over the next year.
await Execute($"""
    INSERT INTO mh.due_item (kind, subject, due_at, facility, medicine, lot)
    SELECT 'lot_expiring', 'f-' || (i % 1000) || '/m-' || (i / 1000) || '/L' || i,
           CASE WHEN i % (100 / {duePercent}) = 0 THEN @now - interval '1 minute' ELSE @now + (1 + i % 365) * interval '1 day' END,
           'f-' || (i % 1000), 'm-' || (i / 1000), 'L' || i
    FROM generate_series(0, {cards - 1}) i
    """, ("now", now.UtcDateTime));
await Execute($"""
    INSERT INTO mh.due_item (kind, subject, due_at, facility, district, referral, alert_kind, message)
    SELECT 'follow_up_due', md5('fu' || i)::uuid::text,
           CASE WHEN i % (100 / {duePercent}) = 0 THEN @now - interval '1 minute' ELSE @now + (1 + i % 365) * interval '1 day' END,
           'f-' || (i % 1000), 'd-' || ((i % 1000) % 50), md5('r' || (i / 3))::uuid, 'follow_up_missed', 'follow-up visit not attended'
    FROM generate_series(0, {followUps - 1}) i
    """, ("now", now.UtcDateTime));
foreach (var table in new[] { "mh.stock_card", "mh.due_item", "mh.alert" })
{
    await Execute($"VACUUM ANALYZE {table}");
}
Console.WriteLine($"  populated in {populate.Elapsed.TotalSeconds:F1} s");

// No facility has unprojected reports here, so the scan's catch-up is one query and calls no grain: no cluster needed.
var scan = new AlertScanJob(dataSource, new StockProjectionCatchUp(dataSource, grains: null!, NullLogger<StockProjectionCatchUp>.Instance), Options.Create(new AlertOptions()),
    new ReportingSchedule(Options.Create(new AlertOptions()), Options.Create(new MhSupply.Stock.StockOptions())), TimeProvider.System);
var timed = Stopwatch.StartNew();
var summary = await scan.RunAsync(CancellationToken.None);
timed.Stop();
var raised = await Scalar("SELECT count(*) FROM mh.alert");
var idle = Stopwatch.StartNew();
var idleSummary = await scan.RunAsync(CancellationToken.None);
idle.Stop();

// Baseline: what a scan without a due-index must do: read every card and look at every lot's expiry.
var baseline = Stopwatch.StartNew();
var expiringByFullPass = await Scalar("""
    SELECT count(*) FROM mh.stock_card c CROSS JOIN LATERAL jsonb_array_elements(c.lots) l
    WHERE (l->>'soh')::int > 0 AND (l->>'expiry')::date - 90 <= current_date
    """);
baseline.Stop();

var due = cards * duePercent / 100 + followUps * duePercent / 100;
Console.WriteLine();
Console.WriteLine($"alert-scan over {cards:N0} cards + {followUps:N0} follow-ups, {due:N0} due:");
Console.WriteLine($"  scan:            {timed.Elapsed.TotalMilliseconds,10:N0} ms   ({summary})");
Console.WriteLine($"  alerts raised:   {raised,10:N0}");
Console.WriteLine($"  scan, none due:  {idle.Elapsed.TotalMilliseconds,10:N1} ms   ({idleSummary})");
Console.WriteLine($"  baseline (every card's lots read once, no writes): {baseline.Elapsed.TotalMilliseconds:N0} ms ({expiringByFullPass:N0} rows)");
Console.WriteLine($"  ratio scan / baseline: {timed.Elapsed.TotalMilliseconds / baseline.Elapsed.TotalMilliseconds:P0}; per due item: {timed.Elapsed.TotalMilliseconds * 1000 / Math.Max(1, due):N0} µs");
if (raised != due)
{
    Console.Error.WriteLine($"expected {due} alerts, found {raised}");
    return 1;
}
return 0;

async Task Execute(string sql, params (string Name, object Value)[] parameters)
{
    await using var command = dataSource.CreateCommand(sql);
    command.CommandTimeout = 0;
    foreach (var (name, value) in parameters)
    {
        command.Parameters.AddWithValue(name, value);
    }
    await command.ExecuteNonQueryAsync();
}

async Task<long> Scalar(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    command.CommandTimeout = 0;
    return Convert.ToInt64(await command.ExecuteScalarAsync());
}
