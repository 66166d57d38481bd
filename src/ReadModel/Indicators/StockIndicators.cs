using Dapper;
using MhSupply.Hosting;
using MhSupply.Stock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Indicators;

/// <summary>
/// The stock indicators (docs/domain.md, "Indicators"; WHO SARA tracer availability, JSI Logistics Handbook stock-out
/// rate), from each card's month-end figures (mh.stock_card_month, kept by the facility grains' projections) and, for
/// expired losses, the ledger's few debit adjustments of expiry reasons (a partial index). Cards count when their facility is expected
/// in the month (active, opened on or before its first day). A figure "at the end of the period" is the last month's
/// row, or the month in progress as of its last projection; stock-out days add up over the period's months per card.
/// </summary>
public sealed class StockIndicators(NpgsqlDataSource dataSource, IOptions<StockOptions> stock,
    [FromKeyedServices(Clock.Key)] TimeProvider clock) : IIndicatorSource
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    private static readonly string[] BelowEop = [StockStatus.StockedOut.ToWireName(), StockStatus.BelowEop.ToWireName()];

    public IndicatorArea Area => IndicatorArea.Stock;

    public async Task<IReadOnlyDictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>> ComputeAsync(IndicatorScope scope,
        IReadOnlyList<IndicatorPeriod> periods, CancellationToken cancellationToken = default)
    {
        var thisMonth = IndicatorPeriod.Month(LocalDays.DateOf(clock.GetUtcNow(), _zone)).FirstDay;
        // Each period by its index: its months (stock-out days, losses) and the month whose end it is judged at.
        var ends = periods.Select(p => p.Months[^1] < thisMonth ? p.Months[^1] : thisMonth).ToArray();
        var pairs = periods.SelectMany((p, i) => p.Months.Where(m => m <= thisMonth).Select(m => (Index: i, Month: m))).ToArray();
        var monthIndex = pairs.Select(p => p.Index).ToArray();
        var months = pairs.Select(p => p.Month).ToArray();
        var starts = pairs.Select(p => LocalDays.StartOf(p.Month, _zone).UtcDateTime).ToArray();
        var stops = pairs.Select(p => LocalDays.StartOf(p.Month.AddMonths(1), _zone).UtcDateTime).ToArray();
        var args = new
        {
            endIndex = Enumerable.Range(0, periods.Count).ToArray(), ends, monthIndex, months, starts, stops,
            belowEop = BelowEop, scopeId = scope.ScopeId,
        };
        var filter = scope.FacilityFilter("f");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT e.i AS Period, c.medicine AS Medicine, md.tracer AS Tracer, count(*)::int AS Cards,
                   count(*) FILTER (WHERE c.soh > 0)::int AS Available,
                   count(*) FILTER (WHERE c.status = ANY(@belowEop))::int AS BelowEop
            FROM unnest(@endIndex, @ends) AS e(i, month)
            JOIN mh.stock_card_month c ON c.period = e.month
            JOIN mh.facility f ON f.id = c.facility AND f.active AND f.opened_on <= e.month AND {filter}
            JOIN mh.medicine md ON md.code = c.medicine
            GROUP BY 1, 2, 3;

            SELECT e.i AS Period, count(DISTINCT c.facility)::int AS Holding,
                   count(DISTINCT c.facility) FILTER (WHERE c.soh = 0)::int AS StockedOut
            FROM unnest(@endIndex, @ends) AS e(i, month)
            JOIN mh.stock_card_month c ON c.period = e.month
            JOIN mh.facility f ON f.id = c.facility AND f.active AND f.opened_on <= e.month AND {filter}
            JOIN mh.medicine md ON md.code = c.medicine AND md.tracer
            GROUP BY 1;

            SELECT m.i AS Period, c.medicine AS Medicine, sum(c.stockout_days)::int AS Days,
                   count(DISTINCT c.facility)::int AS Cards
            FROM unnest(@monthIndex, @months) AS m(i, month)
            JOIN mh.stock_card_month c ON c.period = m.month
            JOIN mh.facility f ON f.id = c.facility AND f.active AND f.opened_on <= m.month AND {filter}
            GROUP BY 1, 2;

            SELECT m.i AS Period, s.medicine AS Medicine, sum(s.quantity)::int AS Units
            FROM unnest(@monthIndex, @starts, @stops) AS m(i, start, stop)
            JOIN mh.stock_event s ON s.type = 'adjustment' AND NOT s.credit AND s.occurred_at >= m.start AND s.occurred_at < m.stop
            JOIN mh.adjustment_reason r ON r.code = s.reason AND r.category = 'expiry'
            JOIN mh.facility f ON f.id = s.facility AND f.active AND {filter}
            GROUP BY 1, 2;
            """, args, cancellationToken: cancellationToken));
        var cards = (await grid.ReadAsync<CardRow>()).ToLookup(r => r.Period);
        var tracer = (await grid.ReadAsync<TracerRow>()).ToDictionary(r => r.Period);
        var days = (await grid.ReadAsync<DaysRow>()).ToLookup(r => r.Period);
        var losses = (await grid.ReadAsync<LossRow>()).ToLookup(r => r.Period);

        var result = new Dictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>();
        for (var i = 0; i < periods.Count; i++)
        {
            var values = new List<IndicatorValue>();
            var t = tracer.GetValueOrDefault(i);
            values.Add(IndicatorValue.Rate("tracer_stockout_rate", t?.StockedOut ?? 0, t?.Holding ?? 0));
            var tracerCards = cards[i].Where(c => c.Tracer).ToList();
            values.Add(IndicatorValue.Rate("tracer_availability", tracerCards.Sum(c => c.Available), tracerCards.Sum(c => c.Cards)));
            values.AddRange(tracerCards.Select(c => IndicatorValue.Rate("tracer_availability", c.Available, c.Cards, By(c.Medicine))));
            var perCard = days[i].ToList();
            values.Add(IndicatorValue.Mean("stockout_days", perCard.Sum(d => d.Days), perCard.Sum(d => d.Cards)));
            values.AddRange(perCard.Select(d => IndicatorValue.Mean("stockout_days", d.Days, d.Cards, By(d.Medicine))));
            values.Add(IndicatorValue.Rate("below_eop_share", cards[i].Sum(c => c.BelowEop), cards[i].Sum(c => c.Cards)));
            values.AddRange(cards[i].Select(c => IndicatorValue.Rate("below_eop_share", c.BelowEop, c.Cards, By(c.Medicine))));
            values.Add(IndicatorValue.Count("expired_losses", losses[i].Sum(l => l.Units)));
            values.AddRange(losses[i].Select(l => IndicatorValue.Count("expired_losses", l.Units, By(l.Medicine))));
            result[periods[i]] = values;
        }
        return result;
    }

    private static IReadOnlyDictionary<string, string> By(string medicine) => IndicatorValue.By(IndicatorCatalog.Medicine, medicine);

    private sealed class CardRow
    {
        public int Period { get; set; }
        public string Medicine { get; set; } = "";
        public bool Tracer { get; set; }
        public int Cards { get; set; }
        public int Available { get; set; }
        public int BelowEop { get; set; }
    }

    private sealed class TracerRow
    {
        public int Period { get; set; }
        public int Holding { get; set; }
        public int StockedOut { get; set; }
    }

    private sealed class DaysRow
    {
        public int Period { get; set; }
        public string Medicine { get; set; } = "";
        public int Days { get; set; }
        public int Cards { get; set; }
    }

    private sealed class LossRow
    {
        public int Period { get; set; }
        public string Medicine { get; set; } = "";
        public int Units { get; set; }
    }
}
