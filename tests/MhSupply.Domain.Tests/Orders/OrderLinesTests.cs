using MhSupply.Orders;

namespace MhSupply.Domain.Tests.Orders;

/// <summary>What an approval and a shipment may carry, against the order's lines.</summary>
public sealed class OrderLinesTests
{
    private static string Name(string code) => code.ToUpperInvariant();

    [Fact]
    public void An_approval_changes_the_named_quantities_and_keeps_the_others_as_requested()
    {
        var (approved, problem) = OrderLines.Approve([("flu", 120), ("hal", 40)], [("flu", 100)], Name);

        Assert.Null(problem);
        Assert.Equal(new Dictionary<string, int> { ["flu"] = 100, ["hal"] = 40 }, approved);
    }

    [Fact]
    public void An_approval_of_an_unrequested_medicine_or_of_nothing_is_refused_naming_the_line()
    {
        var (_, unknown) = OrderLines.Approve([("flu", 120)], [("flu", 100), ("dia", 5)], Name);
        var (_, nothing) = OrderLines.Approve([("flu", 120)], [("flu", 0)], Name);

        Assert.Equal(("lines[1].medicine", "order.not_requested"), (unknown!.Field, unknown.Message.Code));
        Assert.Contains("DIA", unknown.Message.Text);
        Assert.Equal(("lines", "order.nothing_approved"), (nothing!.Field, nothing.Message.Code));
    }

    [Fact]
    public void A_shipment_sums_its_lots_against_what_was_approved()
    {
        var approved = new Dictionary<string, int> { ["flu"] = 30, ["hal"] = 0 };

        Assert.Null(OrderLines.CheckShipment(approved, [("flu", 20), ("flu", 10)], Name));
        var over = OrderLines.CheckShipment(approved, [("flu", 20), ("flu", 11)], Name)!;
        Assert.Equal(("lines[1].quantity", "FLU: 31 shipped but 30 approved. Ship at most what was approved."), (over.Field, over.Message.Text));
        Assert.Equal("lines[0].medicine", OrderLines.CheckShipment(approved, [("hal", 1)], Name)!.Field);
        Assert.Equal("lines", OrderLines.CheckShipment(approved, [("flu", 0)], Name)!.Field);
    }
}

/// <summary>Whether a facility can supply a prescribed course (issue 18, item 3).</summary>
public sealed class PrescribedSupplyTests
{
    [Theory]
    [InlineData(120, "ok", 120, true)]
    [InlineData(119, "ok", 120, false)] // one short of the course
    [InlineData(500, "below_eop", 120, false)] // enough for this course, but the card is in emergency
    [InlineData(1, "unknown", null, true)] // a free-text dose: any stock above the emergency point
    [InlineData(0, "stocked_out", null, false)]
    public void The_course_must_be_on_hand_and_the_card_out_of_emergency(int soh, string status, int? needed, bool covers) =>
        Assert.Equal(covers, MhSupply.Referrals.PrescribedSupply.Covers(soh, MhSupply.WireNames.Parse<MhSupply.Stock.StockStatus>(status), needed));
}
