using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>Adjustment reasons as reference data: the sign is the reason's when the event is accepted, and stays the event's.</summary>
public sealed class AdjustmentReasonsTests
{
    [Fact]
    public void An_event_keeps_the_sign_it_was_accepted_with_whatever_the_catalogue_says_at_replay()
    {
        var found = Given.Adjustment("found", 10, "2025-03-02");
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), found);
        Assert.Equal(110, card.Soh);

        // The same stored lines folded by a reader whose catalogue no longer holds "found": the card is the same.
        var replayed = StockCard.FromLedger(card.Events);
        Assert.Equal(110, replayed.Soh);
        Assert.Null(new AdjustmentReasons([]).Sign(found with { Credit = null }).Credit);
    }

    [Fact]
    public void A_card_refuses_an_adjustment_that_was_never_signed()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-01"));
        var unsigned = Given.Adjustment("found", 10, "2025-03-02") with { Credit = null };

        var result = card.TryAdd(unsigned);

        Assert.Equal(StockAddOutcome.Invalid, result.Outcome);
        Assert.Equal("reason_invalid", Assert.Single(result.Messages!["reason"]).Code);
        Assert.Equal(100, card.Soh);
    }

    [Fact]
    public void A_reason_an_admin_added_takes_stock_off_like_the_seeded_debits()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), Given.Adjustment("cold-chain-failure", 30, "2025-03-02"));

        Assert.Equal(70, card.Soh);
    }

    [Fact]
    public void An_inactive_reason_still_signs_a_late_report_but_is_not_offered()
    {
        var reasons = new AdjustmentReasons([
            new("stolen", "Stolen", false, AdjustmentCategory.Theft, false),
            new("lost", "Lost", false, AdjustmentCategory.Loss, true),
        ]);
        var e = reasons.Sign(Given.Adjustment("stolen", 5, "2025-03-02") with { Credit = null });

        Assert.False(e.Credit);
        Assert.Equal("lost", reasons.Allowed);
    }

    [Fact]
    public void Other_events_are_left_unsigned()
    {
        var receipt = Given.Receipt(10, "2025-03-01") with { Reason = "found" };

        Assert.Null(Given.Reasons.Sign(receipt).Credit);
    }

    [Theory]
    [InlineData("credit", true)]
    [InlineData("debit", false)]
    [InlineData("Credit", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Directions_read_credit_or_debit_exactly(string? word, bool? credit) => Assert.Equal(credit, AdjustmentReason.CreditOf(word));
}
