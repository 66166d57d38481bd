using MhSupply.Orders;

namespace MhSupply.Domain.Tests.Orders;

public sealed class OrderDiscrepancyTests
{
    [Fact]
    public void Short_and_excess_deliveries_are_found_per_medicine_with_lots_summed()
    {
        // Fluoxetine shipped as 60 + 40 in two lots, received as one count of 100: no discrepancy. Haloperidol 50 shipped,
        // 45 received: 5 short. Biperiden 10 shipped, 12 received: 2 extra. Diazepam never shipped, 3 received.
        (string, int)[] shipped = [("fluoxetine", 60), ("haloperidol", 50), ("fluoxetine", 40), ("biperiden", 10)];
        (string, int)[] received = [("fluoxetine", 100), ("haloperidol", 45), ("biperiden", 12), ("diazepam", 3)];

        var found = OrderDiscrepancy.Between(shipped, received);

        Assert.Equal([("haloperidol", 50, 45, -5), ("biperiden", 10, 12, 2), ("diazepam", 0, 3, 3)],
            found.Select(d => (d.Medicine, d.Shipped, d.Received, d.Difference)));
    }

    [Fact]
    public void A_discrepancy_is_said_in_plain_words_with_the_quantities()
    {
        var shortOne = new OrderDiscrepancy("haloperidol-tab-5mg", 50, 45);
        var excess = new OrderDiscrepancy("biperiden-tab-2mg", 10, 12);

        Assert.Equal("Haloperidol 5 mg tablet: 50 shipped, 45 received; 5 missing. The difference is kept as a discrepancy for the supplier to explain.",
            shortOne.Describe("Haloperidol 5 mg tablet").Text);
        Assert.Equal("order.excess_delivery", excess.Describe("Biperiden 2 mg tablet").Code);
        Assert.Contains("2 more than shipped", excess.Describe("Biperiden 2 mg tablet").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_as_shipped_has_no_discrepancy() =>
        Assert.Empty(OrderDiscrepancy.Between([("fluoxetine", 30)], [("fluoxetine", 30)]));
}
