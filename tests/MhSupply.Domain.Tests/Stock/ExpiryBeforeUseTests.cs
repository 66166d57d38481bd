using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>What the suggested order adds back because it will expire on the shelf (docs/domain.md "Suggested order").</summary>
public sealed class ExpiryBeforeUseTests
{
    private static readonly DateOnly June1 = Given.Day("2025-06-01");

    [Fact]
    public void Lots_are_used_first_expiry_first_out_and_what_each_holds_at_its_expiry_is_waste()
    {
        // One unit a day (AMC 30.4375). A: 30 usable days to 1 July, 30 of 50 used, 20 wasted. B is started on day 30:
        // 45 usable days to 15 August, 45 of 100 used, 55 wasted. C has no expiry. 20 + 55 = 75.
        LotBalance[] lots = [new("B", Given.Day("2025-08-15"), 100), new("C", null, 40), new("A", Given.Day("2025-07-01"), 50)];

        Assert.Equal(75, ExpiryBeforeUse.Units(lots, 30.4375m, June1));
    }

    [Fact]
    public void A_lot_used_up_before_its_expiry_wastes_nothing_and_an_expired_lot_wastes_all()
    {
        LotBalance[] lots = [new("A", Given.Day("2025-07-01"), 20), new("OLD", Given.Day("2025-05-20"), 10)];

        // OLD is expired (0 usable days, all 10 wasted, no time taken); A's 20 units are used in 20 of its 30 days.
        Assert.Equal(10, ExpiryBeforeUse.Units(lots, 30.4375m, June1));
    }

    [Fact]
    public void A_part_unit_of_waste_counts_as_a_whole_unit()
    {
        // 0.5 a day for 30 days uses 14.78…; 20 − 14.78 = 5.21… → 6
        Assert.Equal(6, ExpiryBeforeUse.Units([new("A", Given.Day("2025-07-01"), 20)], 15m, June1));
    }

    [Fact]
    public void The_suggested_order_adds_back_what_will_expire_before_it_can_be_used()
    {
        // 30 issued in each of January to March: AMC 30, SOH 110, all in lot A expiring 30 April. On 10 April, 20 days at
        // 30 ÷ 30.4375 a day use 19.71…, so 90.28… (91 units) will expire: 3 × 30 − 110 + 91 = 71, where max × AMC − SOH is 0.
        var card = Given.Card(
            Given.Receipt(200, "2025-01-01", lot: "A", expiry: "2025-04-30"),
            Given.Issue(30, "2025-01-10", lot: "A"),
            Given.Issue(30, "2025-02-10", lot: "A"),
            Given.Issue(30, "2025-03-10", lot: "A"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-04-10"), StockPolicy.Phc);

        Assert.Equal((110, 30m), (figures.Soh, figures.Amc));
        Assert.Equal(71, figures.SuggestedOrder);
        Assert.Equal(0, StockCalculator.SuggestedOrder(110, 30m, StockPolicy.Phc));
    }
}
