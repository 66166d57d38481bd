using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class OrderAndProjectionTests
{
    [Fact]
    public void Suggested_order_is_rounded_up_to_whole_units()
    {
        // 3 × 33.4 − 10 = 90.2 → 91
        Assert.Equal(91, StockCalculator.SuggestedOrder(10, 33.4m, StockPolicy.Phc));
    }

    [Fact]
    public void Suggested_order_is_never_negative() =>
        // 3 × 100 − 350 = −50 → 0
        Assert.Equal(0, StockCalculator.SuggestedOrder(350, 100m, StockPolicy.Phc));

    [Fact]
    public void Suggested_order_from_a_repeating_AMC_gains_no_unit_from_rounding_noise()
    {
        // 10, 10 and 9 issued in January to March: AMC 29 ÷ 3, held as 9.66…67; 3 × AMC computes as 29.00…01.
        // 40 − 29 = 11 on hand; 3 × 29 ÷ 3 − 11 = 18 exactly, not 19
        var card = Given.Card(
            Given.Receipt(40, "2025-01-01"),
            Given.Issue(10, "2025-01-10"),
            Given.Issue(10, "2025-02-10"),
            Given.Issue(9, "2025-03-10"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-04-10"), StockPolicy.Phc);

        Assert.Equal(11, figures.Soh);
        Assert.Equal(18, figures.SuggestedOrder);
    }

    [Fact]
    public void Projected_stock_out_is_stock_on_hand_in_average_month_days_after_the_as_of_day()
    {
        // AMC 30.4375 is one unit a day: 60 units last 60 days → 15 June + 60 = 14 August
        Assert.Equal(Given.Day("2025-08-14"), StockCalculator.ProjectedStockoutDate(Given.Day("2025-06-15"), 60, 30.4375m));
    }

    [Fact]
    public void Projected_stock_out_counts_whole_days_only()
    {
        // 10 × 30.4375 ÷ 20 = 15.22 days → 15 June + 15 = 30 June
        Assert.Equal(Given.Day("2025-06-30"), StockCalculator.ProjectedStockoutDate(Given.Day("2025-06-15"), 10, 20m));
    }

    [Fact]
    public void Projected_stock_out_of_an_empty_card_is_the_as_of_day_and_of_an_unknown_or_idle_one_is_none()
    {
        Assert.Equal(Given.Day("2025-06-15"), StockCalculator.ProjectedStockoutDate(Given.Day("2025-06-15"), 0, 20m));
        Assert.Null(StockCalculator.ProjectedStockoutDate(Given.Day("2025-06-15"), 10, null));
        Assert.Null(StockCalculator.ProjectedStockoutDate(Given.Day("2025-06-15"), 10, 0m));
    }

    [Fact]
    public void Projected_stock_out_is_computed_end_to_end()
    {
        // AMC over February alone: 56 issued in 28 days = 56; 112 on hand = 2 months = 60.875 days → 15 March + 60 = 14 May
        var card = Given.Card(Given.Receipt(168, "2025-02-01"), Given.Issue(56, "2025-02-14"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-03-15"), StockPolicy.Phc, new StockCalculationOptions { AmcMonths = 1 });

        Assert.Equal(Given.Day("2025-05-14"), figures.ProjectedStockoutDate);
    }
}
