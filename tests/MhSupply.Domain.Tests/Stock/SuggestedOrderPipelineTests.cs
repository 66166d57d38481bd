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

    /// <summary>120 units of the card's medicine to hold with no demand to go on; 50 of any other medicine.</summary>
    private static readonly StockCalculationOptions Minimums = new()
    {
        MinimumSuggestions = new Dictionary<string, int> { [Given.Medicine] = 120 },
        DefaultMinimumSuggestion = 50,
    };

    [Fact]
    public void A_card_at_zero_with_no_history_and_no_plan_is_suggested_the_configured_minimum()
    {
        var empty = StockCard.FromLedger([]);
        var day = Given.Day("2025-04-10");

        // 120 to hold − 0 on hand − 20 in transit = 100; another medicine takes the default, 50.
        Assert.Equal(100, StockCalculator.Compute(empty, day, StockPolicy.Phc, Minimums, new StockPipeline(InTransit: 20), Given.Medicine).SuggestedOrder);
        Assert.Equal(50, StockCalculator.Compute(empty, day, StockPolicy.Phc, Minimums, medicine: "other-medicine").SuggestedOrder);
        // Nothing configured: no figure to go on, no suggestion.
        Assert.Null(StockCalculator.Compute(empty, day, StockPolicy.Phc, medicine: Given.Medicine).SuggestedOrder);

        // Received on 1 April and all dispensed on the 2nd: at 0, with no complete month behind it, so no AMC.
        var dispensed = Given.Card(Given.Receipt(10, "2025-04-01"), Given.Issue(10, "2025-04-02"));
        var figures = StockCalculator.Compute(dispensed, day, StockPolicy.Phc, Minimums);
        Assert.Equal((0, (decimal?)null, StockStatus.StockedOut), (figures.Soh, figures.Amc, figures.Status));
        Assert.Equal(120, figures.SuggestedOrder);
        Assert.True(StockCalculator.IsEmergency(figures.Status));
    }

    [Fact]
    public void Expired_stock_does_not_count_towards_the_minimum_and_dated_good_stock_is_not_ordered_twice()
    {
        // 30 in lot A expired on 5 April, 10 in lot B good until 2026: 40 on hand, 10 usable. 120 − 10 = 110, not 80 (40 on
        // hand counted) and not 120 (lot B, with no demand to use it, counted as waste).
        var card = Given.Card(Given.Receipt(30, "2025-04-01", lot: "A", expiry: "2025-04-05"), Given.Receipt(10, "2025-04-01", lot: "B", expiry: "2026-01-31"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-04-10"), StockPolicy.Phc, Minimums);

        Assert.Equal(40, figures.Soh);
        Assert.Equal(110, figures.SuggestedOrder);
    }

    [Fact]
    public void The_minimum_applies_only_when_there_is_no_demand_to_go_on()
    {
        var day = Given.Day("2025-04-10");
        // AMC 30: the max-min formula decides (71, as without a minimum), however large the minimum.
        Assert.Equal(71, StockCalculator.Compute(Card(), day, StockPolicy.Phc, Minimums with { MinimumSuggestions = new Dictionary<string, int> { [Given.Medicine] = 1000 } }).SuggestedOrder);

        // 50 received in January and never dispensed: AMC 0, 50 on hand; 120 − 50 = 70.
        var idle = Given.Card(Given.Receipt(50, "2025-01-01"));
        var figures = StockCalculator.Compute(idle, day, StockPolicy.Phc, Minimums);
        Assert.Equal((0m, 70), (figures.Amc, figures.SuggestedOrder));
        // People on plans give a demand: 3 × 20 − 50 = 10, the minimum no longer counts.
        Assert.Equal(10, StockCalculator.Compute(idle, day, StockPolicy.Phc, Minimums, new StockPipeline(PlanDemand: 20m, PatientsOnPlan: 1)).SuggestedOrder);
        // More on hand than the minimum is never a negative order.
        Assert.Equal(0, StockCalculator.Compute(Given.Card(Given.Receipt(500, "2025-01-01")), day, StockPolicy.Phc, Minimums).SuggestedOrder);
    }

    [Fact]
    public void A_negative_minimum_is_a_configuration_error()
    {
        Assert.Single(new StockCalculationOptions { DefaultMinimumSuggestion = -1 }.Validate());
        Assert.Contains("MinimumSuggestion:Medicines:fluoxetine", Assert.Single(new StockCalculationOptions
        {
            MinimumSuggestions = new Dictionary<string, int> { ["fluoxetine"] = -5 },
        }.Validate()));
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
