using Dapper;
using MhSupply.Alerts;
using MhSupply.Hosting;
using MhSupply.Reporting;
using MhSupply.Stock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Indicators;

/// <summary>
/// <c>reporting_rate</c> and <c>reporting_timeliness</c> (docs/domain.md, "Indicators"; JSI Logistics Handbook), from
/// the months each facility reported for (mh.stock_report_period, kept by the facility grains) and the registry. A
/// facility is expected in a month when it is active and opened on or before the month's first day; a facility that
/// never reported is in the denominator and not the numerator. A quarter or a year counts facility-months: 3 facilities
/// expected over a quarter owe 9 reports, and the rate is the share of those 9 that came (on time). A month that has not
/// begun owes nothing yet: a quarter in progress counts its months up to this one, as the stock source does.
/// </summary>
public sealed class ReportingIndicators(NpgsqlDataSource dataSource, IOptions<AlertOptions> alerts, IOptions<StockOptions> stock,
    [FromKeyedServices(Clock.Key)] TimeProvider clock) : IIndicatorSource
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    private ReportingCalendar Calendar => new(alerts.Value.ReportDueDay, _zone);

    public IndicatorArea Area => IndicatorArea.Reporting;

    public async Task<IReadOnlyDictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>> ComputeAsync(IndicatorScope scope,
        IReadOnlyList<IndicatorPeriod> periods, CancellationToken cancellationToken = default)
    {
        var thisMonth = IndicatorPeriod.Month(LocalDays.DateOf(clock.GetUtcNow(), _zone)).FirstDay;
        var months = periods.SelectMany(p => p.Months).Where(m => m <= thisMonth).Distinct().Order().ToArray();
        // The deadline of each month is the calendar's (due day, local time): computed here once, not rewritten in SQL.
        var calendar = Calendar;
        var deadlines = months.Select(m => calendar.DeadlineOf(m).UtcDateTime).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<MonthRow>(new CommandDefinition($"""
            SELECT m.month AS Month, count(*)::int AS Expected, count(p.facility)::int AS Reported,
                   count(*) FILTER (WHERE p.first_recorded_at < m.deadline)::int AS OnTime
            FROM unnest(@months, @deadlines) AS m(month, deadline)
            JOIN mh.facility f ON f.active AND f.opened_on <= m.month AND {scope.FacilityFilter("f")}
            LEFT JOIN mh.stock_report_period p ON p.facility = f.id AND p.period = m.month
            GROUP BY m.month
            """, new { months, deadlines, scopeId = scope.ScopeId }, cancellationToken: cancellationToken))).ToDictionary(r => r.Month);
        var result = new Dictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>();
        foreach (var period in periods)
        {
            var (expected, reported, onTime) = (0, 0, 0);
            foreach (var month in period.Months)
            {
                if (rows.TryGetValue(month, out var row))
                {
                    (expected, reported, onTime) = (expected + row.Expected, reported + row.Reported, onTime + row.OnTime);
                }
            }
            result[period] =
            [
                IndicatorValue.Rate("reporting_rate", reported, expected),
                IndicatorValue.Rate("reporting_timeliness", onTime, expected),
            ];
        }
        return result;
    }

    private sealed class MonthRow
    {
        public DateOnly Month { get; set; }
        public int Expected { get; set; }
        public int Reported { get; set; }
        public int OnTime { get; set; }
    }
}
