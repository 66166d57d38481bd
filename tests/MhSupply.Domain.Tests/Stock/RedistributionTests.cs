using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>Redistribution within a district, worked by hand (PHC thresholds: max 3, min 1, EOP 0.5 months).</summary>
public sealed class RedistributionTests
{
    private static readonly DateOnly June1 = Given.Day("2025-06-01");

    private static RedistributionCard Card(string facility, int soh, decimal? amc, StockStatus status, params LotBalance[] lots) =>
        new(facility, "fluoxetine", soh, amc, status, StockPolicy.Phc, lots);

    private static readonly RedistributionCard[] District =
    [
        // Receivers. A: nothing left, AMC 30, needs 3 × 30 − 0 = 90. B: 10 left of AMC 40 (0.25 months), needs 120 − 10 = 110.
        Card("a", 0, 30m, StockStatus.StockedOut),
        Card("b", 10, 40m, StockStatus.BelowEop),
        // S1: 200 at AMC 50 is 4 months, above the maximum of 3; it keeps its minimum 50 and can give 150.
        Card("s1", 200, 50m, StockStatus.Overstocked),
        // S2: 60 at one a day (AMC 30.4375), all in a lot expiring in 20 days: 40 will expire on its shelf. It keeps its
        // minimum of 31 (30.4375 rounded up), so it can give 29 of them.
        Card("s2", 60, 30.4375m, StockStatus.Ok, new LotBalance("X", Given.Day("2025-06-21"), 60)),
        // S3: 2 months of stock, nothing expiring: not a source.
        Card("s3", 60, 30m, StockStatus.Ok),
    ];

    [Fact]
    public void The_most_urgent_receiver_is_served_first_from_stock_that_would_expire_then_from_surplus()
    {
        var suggestions = Redistribution.Suggest(District, June1);

        Assert.Equal(
        [
            ("s2", "a", 29, RedistributionReason.ExpiringBeforeUse),
            ("s1", "a", 61, RedistributionReason.Surplus),
            ("s1", "b", 89, RedistributionReason.Surplus),
        ], suggestions.Select(s => (s.From, s.To, s.Quantity, s.Why)));
    }

    [Fact]
    public void No_source_is_taken_below_its_minimum()
    {
        var suggestions = Redistribution.Suggest(District, June1);

        foreach (var source in District.Where(c => suggestions.Any(s => s.From == c.Facility)))
        {
            var given = suggestions.Where(s => s.From == source.Facility).Sum(s => s.Quantity);
            Assert.True(source.Soh - given >= Math.Ceiling(source.Policy.Min * source.Amc!.Value), $"{source.Facility} left with {source.Soh - given}");
        }
        // S1 ends exactly at its minimum (200 − 150 = 50); B stays 21 short, for an order to cover.
        Assert.Equal(150, suggestions.Where(s => s.From == "s1").Sum(s => s.Quantity));
    }

    [Fact]
    public void An_expired_lot_is_never_given_and_a_receiver_with_no_consumption_history_gets_no_figure()
    {
        // S: 200 on hand at AMC 50, of which 100 in a lot expired in May: it can give 200 − 100 − 50 = 50.
        RedistributionCard[] cards =
        [
            Card("a", 0, 30m, StockStatus.StockedOut),
            Card("new", 0, null, StockStatus.StockedOut),
            Card("s", 200, 50m, StockStatus.Overstocked, new LotBalance("OLD", Given.Day("2025-05-15"), 100)),
        ];

        var suggestion = Assert.Single(Redistribution.Suggest(cards, June1));

        Assert.Equal(("s", "a", 50, RedistributionReason.Surplus), (suggestion.From, suggestion.To, suggestion.Quantity, suggestion.Why));
    }

    [Fact]
    public void Nothing_is_suggested_when_no_card_is_short() =>
        Assert.Empty(Redistribution.Suggest(District.Where(c => c.Status is not (StockStatus.StockedOut or StockStatus.BelowEop)), June1));
    [Fact]
    public void An_action_may_move_what_leaves_the_source_its_minimum_and_never_an_expired_lot()
    {
        // S1 keeps 50 of its 200; S2 keeps 31 of 60 (its lot expires on the 21st, still usable today); S3 keeps 30 of 60.
        Assert.Equal([150, 29, 30], new[] { District[2], District[3], District[4] }.Select(c => Redistribution.Givable(c, June1)));
        Assert.Equal(31, Redistribution.Keeps(StockPolicy.Phc, 30.4375m));
        // 100 on hand, 40 of them in a lot expired on 31 May, AMC 20: 100 − 40 − 20 = 40.
        var withExpired = Card("s4", 100, 20m, StockStatus.Ok, new LotBalance("OLD", Given.Day("2025-05-31"), 40), new LotBalance("NEW", null, 60));
        Assert.Equal(40, Redistribution.Givable(withExpired, June1));
        // No AMC, no minimum to keep: what is usable bounds it. A stocked-out source gives nothing, never less than 0.
        Assert.Equal(70, Redistribution.Givable(Card("s5", 70, null, StockStatus.Unknown), June1));
        Assert.Equal(0, Redistribution.Givable(District[1], June1));
    }

    [Fact]
    public void A_movement_already_decided_is_neither_suggested_again_nor_given_twice()
    {
        // A (needs 90) has 61 coming from an order; S1 has promised 100 of its 150 to someone else. S2 gives its 29 expiring
        // units to A, whose remaining need is 90 − 61 − 29 = 0; S1 has 50 left to give, all to B (needs 110).
        RedistributionCard[] district =
        [
            District[0] with { Coming = 61 }, District[1], District[2] with { Promised = 100 }, District[3], District[4],
        ];

        Assert.Equal(
        [
            ("s2", "a", 29, RedistributionReason.ExpiringBeforeUse),
            ("s1", "b", 50, RedistributionReason.Surplus),
        ], Redistribution.Suggest(district, June1).Select(s => (s.From, s.To, s.Quantity, s.Why)));
        Assert.Equal(50, Redistribution.Givable(district[2], June1));
    }
}
