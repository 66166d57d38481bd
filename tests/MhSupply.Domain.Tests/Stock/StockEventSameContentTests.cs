using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockEventSameContentTests
{
    private static readonly StockEvent Original = new(
        Guid.NewGuid(), Given.Medicine, StockEventType.Receipt, 100, Given.At("2025-06-01T09:00:00+03:00"),
        Given.At("2025-06-02T10:00:00Z"), null, "B42", Given.Day("2026-03-31"), Given.OtherFacility, "monthly delivery");

    [Fact]
    public void A_resent_event_stamped_at_another_time_is_the_same_content() =>
        Assert.True(Original.SameContentAs(Original with { RecordedAt = Original.RecordedAt.AddHours(5) }));

    [Fact]
    public void The_same_instant_written_in_another_offset_is_the_same_content() =>
        Assert.True(Original.SameContentAs(Original with { OccurredAt = Given.At("2025-06-01T06:00:00Z") }));

    [Fact]
    public void Blank_and_missing_optional_text_are_the_same_content()
    {
        var bare = Original with { Note = null, OtherFacility = null };

        Assert.True(bare.SameContentAs(bare with { Note = "", OtherFacility = " " }));
    }

    public static TheoryData<string, StockEvent> Changes() => new()
    {
        { "quantity", Original with { Quantity = 101 } },
        { "type", Original with { Type = StockEventType.TransferIn } },
        { "occurredAt", Original with { OccurredAt = Original.OccurredAt.AddMinutes(1) } },
        { "lot", Original with { Lot = "B43" } },
        { "expiry", Original with { Expiry = Given.Day("2026-04-30") } },
        { "otherFacility", Original with { OtherFacility = "wh-region" } },
        { "note", Original with { Note = "late delivery" } },
        { "medicine", Original with { Medicine = "haloperidol-5mg-tab" } },
        { "reason", Original with { Reason = "found" } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void The_same_id_with_any_field_changed_is_other_content(string field, StockEvent changed) =>
        Assert.False(Original.SameContentAs(changed), field);
}
