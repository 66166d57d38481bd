using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockStatusTests
{
    // PHC thresholds: EOP 0.5, min 1, max 3 months; with AMC 100 that is 50, 100 and 300 units.
    [Theory]
    [InlineData(0, StockStatus.StockedOut)]
    [InlineData(49, StockStatus.BelowEop)]
    [InlineData(50, StockStatus.BelowMin)]
    [InlineData(99, StockStatus.BelowMin)]
    [InlineData(100, StockStatus.Ok)]
    [InlineData(300, StockStatus.Ok)]
    [InlineData(301, StockStatus.Overstocked)]
    public void Status_follows_months_of_stock_with_min_and_max_inclusive_in_ok(int soh, StockStatus expected) =>
        Assert.Equal(expected, StockCalculator.StatusFor(soh, 100m, StockPolicy.Phc));

    [Theory]
    [InlineData(99, StockStatus.BelowEop)]
    [InlineData(100, StockStatus.BelowMin)]
    [InlineData(200, StockStatus.Ok)]
    [InlineData(400, StockStatus.Ok)]
    [InlineData(401, StockStatus.Overstocked)]
    public void Specialist_thresholds_apply_to_specialist_cards(int soh, StockStatus expected) =>
        Assert.Equal(expected, StockCalculator.StatusFor(soh, 100m, StockPolicy.Specialist));

    [Fact]
    public void A_boundary_reached_through_a_repeating_AMC_still_counts_as_equal()
    {
        // AMC 29 ÷ 3 = 9.66…67 in decimal (last place rounded up), so 29 ÷ AMC computes as 2.99…99;
        // 29 units are exactly 3 months, the warehouse minimum: ok, not below_min
        Assert.Equal(3m, StockCalculator.MonthsOfStock(29, 29m / 3m));
        Assert.Equal(StockStatus.Ok, StockCalculator.StatusFor(29, 29m / 3m, StockPolicy.Warehouse));
    }

    [Fact]
    public void Status_is_computed_end_to_end_below_the_emergency_order_point()
    {
        // 31 days of March with 100 issued, AMC over March alone = 100; 40 left = 0.4 months < EOP 0.5
        var card = Given.Card(Given.Receipt(140, "2025-03-01"), Given.Issue(100, "2025-03-15"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-04-05"), StockPolicy.Phc, new StockCalculationOptions { AmcMonths = 1 });

        Assert.Equal(StockStatus.BelowEop, figures.Status);
        Assert.Equal(0.4m, figures.Mos);
    }
}
