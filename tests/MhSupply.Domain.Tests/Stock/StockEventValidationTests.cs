using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockEventValidationTests
{
    private static readonly DateTimeOffset Now = Given.At("2025-06-15T12:00:00Z");

    private static StockEvent Valid(StockEventType type = StockEventType.Receipt) =>
        new(Guid.NewGuid(), Given.Medicine, type, 10, Now.AddDays(-1), Now);

    [Fact]
    public void A_well_formed_receipt_has_no_errors() => Assert.Empty(Valid().Validate(Now));

    [Theory]
    [InlineData(StockEventType.Receipt)]
    [InlineData(StockEventType.Issue)]
    [InlineData(StockEventType.TransferOut)]
    public void Zero_quantity_is_refused_for_movements(StockEventType type)
    {
        var e = Valid(type) with { Quantity = 0, OtherFacility = Given.OtherFacility };

        Assert.Equal(["quantity"], e.Validate(Now).Keys);
    }

    [Fact]
    public void A_physical_count_of_zero_is_a_valid_finding() =>
        Assert.Empty((Valid(StockEventType.PhysicalCount) with { Quantity = 0 }).Validate(Now));

    [Fact]
    public void A_negative_count_names_quantity() =>
        Assert.Equal(["quantity"], (Valid(StockEventType.PhysicalCount) with { Quantity = -1 }).Validate(Now).Keys);

    [Fact]
    public void An_adjustment_without_a_reason_names_reason() =>
        Assert.Equal(["reason"], Valid(StockEventType.Adjustment).Validate(Now).Keys);

    [Fact]
    public void An_adjustment_with_a_reason_the_catalogue_lacks_stays_unsigned_and_names_reason_with_the_codes_in_use()
    {
        var e = Given.Reasons.Sign(Valid(StockEventType.Adjustment) with { Reason = "broken" });

        Assert.Null(e.Credit);
        var message = Assert.Single(e.ValidateMessages(Now, reasons: Given.Reasons)["reason"]);
        Assert.Equal("reason_invalid", message.Code);
        Assert.Contains("cold-chain-failure", message.Text);
        Assert.Contains("returned", message.Text);
    }

    [Theory]
    [InlineData("damaged", false)]
    [InlineData("cold-chain-failure", false)]
    [InlineData("returned", true)]
    public void An_adjustment_with_a_known_reason_is_valid_and_takes_its_sign(string reason, bool credit)
    {
        var e = Given.Reasons.Sign(Valid(StockEventType.Adjustment) with { Reason = reason });

        Assert.Empty(e.Validate(Now, reasons: Given.Reasons));
        Assert.Equal(credit, e.Credit);
    }

    [Theory]
    [InlineData(StockEventType.TransferIn)]
    [InlineData(StockEventType.TransferOut)]
    public void A_transfer_without_the_other_facility_names_otherFacility(StockEventType type)
    {
        Assert.Equal(["otherFacility"], Valid(type).Validate(Now).Keys);
        Assert.Empty((Valid(type) with { OtherFacility = Given.OtherFacility }).Validate(Now));
    }

    [Fact]
    public void An_expiry_without_a_lot_names_expiry()
    {
        var e = Valid() with { Expiry = Given.Day("2026-01-31") };

        Assert.Equal(["expiry"], e.Validate(Now).Keys);
        Assert.Equal(["expiry"], (e with { Lot = "  " }).Validate(Now).Keys);
        Assert.Empty((e with { Lot = "B123" }).Validate(Now));
    }

    [Fact]
    public void OccurredAt_up_to_five_minutes_ahead_is_clock_skew_beyond_is_the_future()
    {
        Assert.Empty((Valid() with { OccurredAt = Now.AddMinutes(5) }).Validate(Now));
        Assert.Equal(["occurredAt"], (Valid() with { OccurredAt = Now.AddMinutes(5).AddSeconds(1) }).Validate(Now).Keys);
    }

    [Fact]
    public void Missing_id_medicine_type_and_occurredAt_are_each_named()
    {
        var e = new StockEvent(Guid.Empty, " ", default, 5, default, Now);

        Assert.Equal(["id", "medicine", "occurredAt", "type"], e.Validate(Now).Keys.Order(StringComparer.Ordinal));
    }
}
