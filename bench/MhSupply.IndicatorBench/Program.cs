using System.Diagnostics;
using Dapper;
using MhSupply;
using MhSupply.Alerts;
using MhSupply.IndicatorBench;
using MhSupply.Indicators;
using MhSupply.Persistence;
using MhSupply.Referrals;
using MhSupply.Reporting;
using MhSupply.Stock;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

// The indicators benchmark (bench/README.md, "indicators"): a national history of stock (3,300 facilities x 30 medicines
// x 24 months, about 4.8 million ledger lines) with each card's month-end rows computed by the same rule the facility
// grains apply (CardMonths over the card), then the indicator service's answers for one month nationally, one district,
// and a 12-month trend, timed, against the same figures from one plain SQL query over the raw tables, and compared.
// Then the same for the referral area: 200,000 referrals over the months between the bench facilities, with their
// history, follow-ups and prescribed-item alerts (ReferralHistory), against one plain SQL query over the raw referral
// tables (ReferralBaseline).
// Usage: MhSupply.IndicatorBench <connection string> [--facilities N] [--medicines N] [--months N] [--runs N] [--referrals N]
var connectionString = args.Length > 0 ? args[0] : throw new ArgumentException("connection string required");
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var facilityCount = Arg("--facilities", 3_300);
var medicineCount = Arg("--medicines", 30);
var monthCount = Arg("--months", 24);
var runs = Arg("--runs", 5);
var referralCount = Arg("--referrals", 200_000);
const int PerDistrict = 30;

var dataSource = NpgsqlDataSource.Create(ConnectionStrings.ForApplication(new DatabaseOptions { ConnectionString = connectionString }));
await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
var stockOptions = new StockOptions();
var alertOptions = new AlertOptions();
var clock = TimeProvider.System;
var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
var thisMonth = new DateOnly(today.Year, today.Month, 1);
var firstMonth = thisMonth.AddMonths(-monthCount);
var policy = stockOptions.PolicyFor("phc");
var calculation = stockOptions.CalculationOptions();

Console.WriteLine($"Populating {facilityCount:N0} facilities x {medicineCount} medicines x {monthCount} months...");
var populate = Stopwatch.StartNew();
await using (var connection = await dataSource.OpenConnectionAsync())
{
    await connection.ExecuteAsync("""
        INSERT INTO mh.medicine (code, name, form, strength, unit, category, tracer, levels)
        SELECT 'bm-' || lpad(i::text, 2, '0'), 'Bench medicine ' || i, 'tablet', '10 mg', 'tablet', 'antidepressant', i < @tracers, '{phc}'
        FROM generate_series(0, @count - 1) i ON CONFLICT DO NOTHING
        """, new { count = medicineCount, tracers = medicineCount / 3 });
    // Most facilities open before the history; 2% open halfway (expected from then); every 33rd never reports.
    await connection.ExecuteAsync("""
        INSERT INTO mh.facility (id, name, level, district, region, opened_on)
        SELECT 'bf-' || lpad(i::text, 4, '0'), 'Bench facility ' || i, 'phc', 'bd-' || (i / @perDistrict), 'br-' || (i / (@perDistrict * 10)),
               CASE WHEN i % 50 = 7 THEN @half ELSE @first END
        FROM generate_series(0, @count - 1) i ON CONFLICT DO NOTHING
        """, new { count = facilityCount, perDistrict = PerDistrict, first = firstMonth.AddDays(-1), half = firstMonth.AddMonths(monthCount / 2).AddDays(14) });
}
var medicines = Enumerable.Range(0, medicineCount).Select(i => $"bm-{i:D2}").ToArray();
long eventRows = 0, monthRows = 0;
var random = new Random(20261201);
for (var start = 0; start < facilityCount; start += 100)
{
    var events = new List<(string Facility, StockEvent Event, long Position)>();
    var months = new List<(string Facility, string Medicine, CardMonth Month)>();
    for (var f = start; f < Math.Min(start + 100, facilityCount); f++)
    {
        if (f % 33 == 5)
        {
            continue;
        }
        var facility = $"bf-{f:D4}";
        // A few facilities began reporting a quarter late; a tenth report each month after its deadline.
        var from = f % 50 == 7 ? firstMonth.AddMonths(monthCount / 2 + 1) : f % 25 == 3 ? firstMonth.AddMonths(3) : firstMonth;
        var late = f % 10 == 4;
        var facilityEvents = new List<StockEvent>();
        foreach (var medicine in medicines)
        {
            var history = StockHistory.Card(random, medicine, from, (thisMonth.Year - from.Year) * 12 + thisMonth.Month - from.Month, late);
            facilityEvents.AddRange(history);
            var card = StockCard.FromLedger(history);
            months.AddRange(CardMonths.Of(card, today, policy, calculation).Select(m => (facility, medicine, m)));
        }
        var position = 0L;
        events.AddRange(facilityEvents.OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).Select(e => (facility, e, ++position)));
    }
    eventRows += await CopyEvents(events);
    monthRows += await CopyMonths(months);
    if (start % 1000 == 0)
    {
        Console.WriteLine($"  {start + 100:N0} facilities, {eventRows:N0} events, {monthRows:N0} card-months ({populate.Elapsed.TotalSeconds:F0} s)");
    }
}
await using (var connection = await dataSource.OpenConnectionAsync())
{
    // What each facility's projection keeps beside its cards: the months it reported for, first recorded when.
    await connection.ExecuteAsync("""
        INSERT INTO mh.stock_report_period (facility, period, first_recorded_at)
        SELECT facility, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date, min(recorded_at) FROM mh.stock_event GROUP BY 1, 2
        ON CONFLICT DO NOTHING
        """, commandTimeout: 0);
    foreach (var table in new[] { "mh.stock_event", "mh.stock_card_month", "mh.stock_report_period", "mh.facility", "mh.medicine" })
    {
        await connection.ExecuteAsync($"VACUUM ANALYZE {table}", commandTimeout: 0);
    }
}
Console.WriteLine($"  populated {eventRows:N0} events and {monthRows:N0} card-months in {populate.Elapsed.TotalSeconds:F0} s");

// The referral side is seeded as of one instant, and its indicators read "now" from a clock stopped there, so that a
// tracing period running out between the service's answer and the plain query's cannot make them differ.
var referralDeadlines = new ReferralDeadlineOptions();
var seededAt = clock.GetUtcNow();
var referralClock = new StoppedClock(seededAt);
populate.Restart();
Console.WriteLine($"Populating {referralCount:N0} referrals...");
var seeded = await ReferralHistory.SeedAsync(dataSource, referralCount, facilityCount, PerDistrict, medicineCount,
    firstMonth.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), seededAt.UtcDateTime, referralDeadlines.FollowUpGrace, referralDeadlines.TracingEscalation);
Console.WriteLine($"  populated {seeded.Referrals:N0} referrals, {seeded.Steps:N0} history rows, {seeded.FollowUps:N0} follow-ups and " +
    $"{seeded.Alerts:N0} prescribed-item alerts in {populate.Elapsed.TotalSeconds:F0} s");

// No facility has unprojected reports, so the catch-up is one query and calls no grain: no cluster needed.
var service = new IndicatorService(
    [
        new StockIndicators(dataSource, Options.Create(stockOptions), clock),
        new ReportingIndicators(dataSource, Options.Create(alertOptions), Options.Create(stockOptions), clock),
        new ReferralIndicators(dataSource, Options.Create(stockOptions), referralClock),
    ],
    new StockProjectionCatchUp(dataSource, grains: null!, NullLogger<StockProjectionCatchUp>.Instance));
var calendar = new ReportingCalendar(alertOptions.ReportDueDay, TimeZoneInfo.Utc);
var lastMonth = IndicatorPeriod.Month(thisMonth.AddMonths(-1));
var trend = IndicatorPeriod.Range(lastMonth.Shift(-11), lastMonth);
var district = new IndicatorScope(IndicatorLevel.District, "bd-7");

Console.WriteLine();
Console.WriteLine($"indicators over {eventRows:N0} ledger lines, {seeded.Referrals:N0} referrals, {facilityCount:N0} facilities ({runs} runs each, median);");
Console.WriteLine("  plain SQL = the stock query + the referral query, each timed alone:");
var mismatches = new List<string>();
var cases = new (string Name, IndicatorScope Scope, IReadOnlyList<IndicatorPeriod> Periods, string[]? Only, double TargetMs)[]
{
    ("national month", IndicatorScope.National, [lastMonth], null, 1000),
    ("district month", district, [lastMonth], null, 100),
    ("national 12-month trend (stock-outs, completion)", IndicatorScope.National, trend, ["tracer_stockout_rate", "referral_completion"], 0),
    ("district 12-month trend (stock-outs, completion)", district, trend, ["tracer_stockout_rate", "referral_completion"], 0),
};
foreach (var (name, scope, periods, only, target) in cases)
{
    IReadOnlyDictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>> answer = null!;
    var ours = await Median(runs, async () => answer = await service.ValuesAsync(scope, periods, only));
    List<Baseline.Row> plain = null!;
    var baselineRuns = Math.Max(1, Math.Min(runs, scope.Level == IndicatorLevel.National ? 1 : 3));
    var stockSql = await Median(baselineRuns, async () => plain = await PlainSql(scope, periods), warm: scope.Level != IndicatorLevel.National);
    List<ReferralBaseline.Row> plainReferrals = null!;
    var referralSql = await Median(baselineRuns, async () => plainReferrals = await ReferralPlainSql(scope, periods), warm: scope.Level != IndicatorLevel.National);
    var theirs = stockSql + referralSql;
    var verdict = target > 0 ? (ours <= target ? $"target <= {target:N0} ms: met" : $"target <= {target:N0} ms: MISSED") : "";
    Console.WriteLine($"  {name,-48} {ours,9:N1} ms   plain SQL {theirs,10:N0} ms ({stockSql:N0} + {referralSql:N0})   " +
        $"ratio {theirs / Math.Max(ours, 0.001),8:N0}x   {verdict}");
    var rows = plain.Select(r => (r.Month, r.Figures())).Concat(plainReferrals.Select(r => (r.Month, r.Figures())));
    foreach (var (month, figures) in rows)
    {
        var values = answer[periods.Single(p => p.Months[0] == month)];
        foreach (var (indicator, numerator, denominator) in figures.Where(f => only is null || only.Contains(f.Indicator)))
        {
            var v = values.Single(x => x.Indicator == indicator && x.Breakdown is null);
            var (n, d) = v.Numerator is null ? (v.Value ?? 0, 0m) : (v.Numerator.Value, v.Denominator ?? 0);
            if (n != numerator || d != denominator)
            {
                mismatches.Add($"{name} {month:yyyy-MM} {indicator}: service {n}/{d}, plain SQL {numerator}/{denominator}");
            }
        }
    }
}
Console.WriteLine(mismatches.Count == 0 ? "  values: equal to the plain SQL's in every case" : $"  values: {mismatches.Count} DIFFER:");
foreach (var m in mismatches.Take(20))
{
    Console.WriteLine($"    {m}");
}
return mismatches.Count == 0 ? 0 : 1;

async Task<List<Baseline.Row>> PlainSql(IndicatorScope scope, IReadOnlyList<IndicatorPeriod> periods)
{
    var months = periods.Select(p => p.Months[0]).ToArray();
    await using var connection = await dataSource.OpenConnectionAsync();
    return (await connection.QueryAsync<Baseline.Row>(new CommandDefinition(Baseline.Query(scope.FacilityFilter("f")), new
    {
        months,
        stops = months.Select(m => new DateTimeOffset(m.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcDateTime).ToArray(),
        deadlines = months.Select(m => calendar.DeadlineOf(m).UtcDateTime).ToArray(),
        scopeId = scope.ScopeId,
    }, commandTimeout: 0))).ToList();
}

async Task<List<ReferralBaseline.Row>> ReferralPlainSql(IndicatorScope scope, IReadOnlyList<IndicatorPeriod> periods)
{
    var months = periods.Select(p => p.Months[0]).ToArray();
    await using var connection = await dataSource.OpenConnectionAsync();
    return (await connection.QueryAsync<ReferralBaseline.Row>(new CommandDefinition(ReferralBaseline.Query(scope.FacilityFilter("f")), new
    {
        months,
        from_at = months.Select(m => m.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).ToArray(),
        to_at = months.Select(m => m.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).ToArray(),
        now = seededAt.UtcDateTime,
        grace = referralDeadlines.FollowUpGrace,
        tracing = referralDeadlines.TracingEscalation,
        scopeId = scope.ScopeId,
    }, commandTimeout: 0))).ToList();
}

static async Task<double> Median(int runs, Func<Task> action, bool warm = true)
{
    if (warm)
    {
        await action();   // warm: plans, pages and JIT, as a server that has answered before
    }
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

async Task<long> CopyEvents(List<(string Facility, StockEvent Event, long Position)> rows)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var writer = await connection.BeginBinaryImportAsync(
        "COPY mh.stock_event (event_id, facility, medicine, type, quantity, occurred_at, recorded_at, reason, recorded_by, position) FROM STDIN (FORMAT BINARY)");
    foreach (var (facility, e, position) in rows)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(e.Id, NpgsqlDbType.Uuid);
        await writer.WriteAsync(facility, NpgsqlDbType.Text);
        await writer.WriteAsync(e.Medicine, NpgsqlDbType.Text);
        await writer.WriteAsync(e.Type.ToWireName(), NpgsqlDbType.Text);
        await writer.WriteAsync(e.Quantity, NpgsqlDbType.Integer);
        await writer.WriteAsync(e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        await writer.WriteAsync(e.RecordedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        if (e.Reason is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(e.Reason, NpgsqlDbType.Text);
        }
        await writer.WriteAsync("bench", NpgsqlDbType.Text);
        await writer.WriteAsync(position, NpgsqlDbType.Bigint);
    }
    return (long)await writer.CompleteAsync();
}

async Task<long> CopyMonths(List<(string Facility, string Medicine, CardMonth Month)> rows)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var writer = await connection.BeginBinaryImportAsync(
        "COPY mh.stock_card_month (facility, medicine, period, as_of, soh, status, stockout_days) FROM STDIN (FORMAT BINARY)");
    foreach (var (facility, medicine, m) in rows)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(facility, NpgsqlDbType.Text);
        await writer.WriteAsync(medicine, NpgsqlDbType.Text);
        await writer.WriteAsync(m.Period, NpgsqlDbType.Date);
        await writer.WriteAsync(m.AsOf, NpgsqlDbType.Date);
        await writer.WriteAsync(m.Soh, NpgsqlDbType.Integer);
        await writer.WriteAsync(m.Status.ToWireName(), NpgsqlDbType.Text);
        await writer.WriteAsync(m.StockoutDays, NpgsqlDbType.Integer);
    }
    return (long)await writer.CompleteAsync();
}

/// <summary>A clock stopped at the instant the referrals were seeded as of.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
