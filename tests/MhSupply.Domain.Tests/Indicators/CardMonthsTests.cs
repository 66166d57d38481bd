using MhSupply.Domain.Tests.Stock;
using MhSupply.Indicators;
using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Indicators;

/// <summary>
/// The month-end rows the stock indicators read: one per month from the card's first line, each the figures at that
/// month's last day (today for the month in progress); a folded card writes only the months it can still answer, and
/// those equal the whole card's.
/// </summary>
public sealed class CardMonthsTests
{
    private static readonly StockPolicy Policy = new(Max: 4m, Min: 2m, EmergencyOrderPoint: 1m);
    private static readonly StockCalculationOptions Options = StockCalculationOptions.Default;

    private static StockCard Card() => StockCard.FromLedger([
        Given.Receipt(100, "2026-08-10T12:00:00Z"),
        Given.Issue(100, "2026-09-15T12:00:00Z"),      // empty from the 15th of September
        Given.Receipt(40, "2026-10-05T12:00:00Z"),
    ]);

    [Fact]
    public void A_whole_card_gives_every_month_from_its_first_at_the_month_end_and_the_month_in_progress_as_of_today()
    {
        var months = CardMonths.Of(Card(), Given.Day("2026-11-03"), Policy, Options);

        Assert.Equal([Given.Day("2026-08-01"), Given.Day("2026-09-01"), Given.Day("2026-10-01"), Given.Day("2026-11-01")], months.Select(m => m.Period));
        Assert.Equal([Given.Day("2026-08-31"), Given.Day("2026-09-30"), Given.Day("2026-10-31"), Given.Day("2026-11-03")], months.Select(m => m.AsOf));
        Assert.Equal([100, 0, 40, 40], months.Select(m => m.Soh));
        // September closed the 15th to the 30th at 0; October the 1st to the 4th.
        Assert.Equal([0, 16, 4, 0], months.Select(m => m.StockoutDays));
        Assert.Equal(StockStatus.StockedOut, months[1].Status);
    }

    [Fact]
    public void A_folded_card_gives_only_the_months_it_still_answers_and_the_same_figures_for_them()
    {
        var today = Given.Day("2026-11-03");
        var folded = Card();
        folded.FoldThrough(Given.Day("2026-10-30"), Options.TimeZone, Options.AmcLookbackMonths);

        var whole = CardMonths.Of(Card(), today, Policy, Options);
        var part = CardMonths.Of(folded, today, Policy, Options);

        Assert.Equal([Given.Day("2026-10-01"), Given.Day("2026-11-01")], part.Select(m => m.Period));
        Assert.Equal(whole.TakeLast(2), part);
        Assert.Empty(CardMonths.Of(StockCard.FromLedger([]), today, Policy, Options));
    }
}
