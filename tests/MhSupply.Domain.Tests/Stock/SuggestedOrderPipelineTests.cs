using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>
/// The suggestion with what is coming and what the plans need (issue 18, item 2): max × demand − SOH − on order − in
/// transit + what will expire before it can be used, demand the larger of AMC and plan demand; worked by hand.
/// </summary>
public sealed class SuggestedOrderPipelineTests
{
    /// <summary>30 issued in each of January to March, 110 left in lot A expiring 30 April (AMC 30).</summary>
    private static StockCard Card() => Given.Card(
        Given.Receipt(200, "2025-01-01", lot: "A", expiry: "2025-04-30"),
        Given.Issue(30, "2025-01-10", lot: "A"),
        Given.Issue(30, "2025-02-10", lot: "A"),
        Given.Issue(30, "2025-03-10", lot: "A"));

    [Fact]
    public void What_is_on_order_and_in_transit_is_subtracted_from_the_suggestion()
    {
        // 3 × 30 − 110 + 91 expiring before use = 71 (ExpiryBeforeUseTests); 25 on order and 15 in transit leave 31.
        var figures = StockCalculator.Compute(Card(), Given.Day("2025-04-10"), StockPolicy.Phc, pipeline: new StockPipeline(OnOrder: 25, InTransit: 15));

        Assert.Equal(31, figures.SuggestedOrder);
        Assert.Equal((25, 15), (figures.Pipeline.OnOrder, figures.Pipeline.InTransit));
        // More coming than the shortfall is never a negative order.
        Assert.Equal(0, StockCalculator.Compute(Card(), Given.Day("2025-04-10"), StockPolicy.Phc, pipeline: new StockPipeline(OnOrder: 80)).SuggestedOrder);
    }

    [Fact]
    public void Plan_demand_above_consumption_raises_the_suggestion_and_brings_the_stock_out_forward()
    {
        // Plans need 45 a month, more than the AMC of 30. 45 a day-rate is 45 ÷ 30.4375 = 1.478… a day: by 30 April lot A
        // uses 20 × 1.478… = 29.56…, so 80.43… (81) expire. 3 × 45 − 110 + 81 = 106. Stock-out: 110 × 30.4375 ÷ 45 = 74.4 days
        // → 74 days after 10 April, 23 June (with AMC alone, 111 days: 30 July).
        var plan = new StockPipeline(PlanDemand: 45m, PatientsOnPlan: 3);

        var figures = StockCalculator.Compute(Card(), Given.Day("2025-04-10"), StockPolicy.Phc, pipeline: plan);
        var alone = StockCalculator.Compute(Card(), Given.Day("2025-04-10"), StockPolicy.Phc);

        Assert.Equal(106, figures.SuggestedOrder);
        Assert.Equal(Given.Day("2025-06-23"), figures.ProjectedStockoutDate);
        Assert.Equal(Given.Day("2025-07-30"), alone.ProjectedStockoutDate);
        // Plan demand below consumption changes nothing: the larger of the two is the demand.
        Assert.Equal(alone.SuggestedOrder, StockCalculator.Compute(Card(), Given.Day("2025-04-10"), StockPolicy.Phc,
            pipeline: new StockPipeline(PlanDemand: 10m)).SuggestedOrder);
    }

    [Fact]
    public void A_card_with_no_history_is_suggested_from_plan_demand_alone()
    {
        var empty = StockCard.FromLedger([]);

        // Nobody has consumed it here yet, but two people on plans need 20 a month: 3 × 20 − 0 − 5 in transit = 55.
        var figures = StockCalculator.Compute(empty, Given.Day("2025-04-10"), StockPolicy.Phc, pipeline: new StockPipeline(InTransit: 5, PlanDemand: 20m, PatientsOnPlan: 2));

        Assert.Equal(55, figures.SuggestedOrder);
        Assert.Null(StockCalculator.Compute(empty, Given.Day("2025-04-10"), StockPolicy.Phc).SuggestedOrder);
    }

    [Fact]
    public void Below_the_emergency_order_point_an_order_is_an_emergency()
    {
        Assert.True(StockCalculator.IsEmergency(StockStatus.StockedOut));
        Assert.True(StockCalculator.IsEmergency(StockStatus.BelowEop));
        Assert.False(StockCalculator.IsEmergency(StockStatus.BelowMin));
        Assert.False(StockCalculator.IsEmergency(StockStatus.Unknown));
    }
}
