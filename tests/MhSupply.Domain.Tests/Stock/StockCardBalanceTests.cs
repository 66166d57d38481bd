using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockCardBalanceTests
{
    [Fact]
    public void Receipts_and_transfers_in_add_issues_and_transfers_out_subtract()
    {
        var card = Given.Card(
            Given.Receipt(100, "2025-03-01"),
            Given.TransferIn(20, "2025-03-02"),
            Given.Issue(30, "2025-03-03"),
            Given.TransferOut(10, "2025-03-04"));

        // 100, +20 = 120, −30 = 90, −10 = 80
        Assert.Equal([100, 120, 90, 80], card.Balances());
        Assert.Equal(80, card.Soh);
    }

    [Theory]
    [InlineData("expired", 90)]
    [InlineData("damaged", 90)]
    [InlineData("lost", 90)]
    [InlineData("stolen", 90)]
    [InlineData("found", 110)]
    [InlineData("returned", 110)]
    public void Adjustments_take_their_sign_from_the_reason(string reason, int expected)
    {
        // 100 on hand, adjusted by 10 units: debits leave 90, credits 110
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), Given.Adjustment(reason, 10, "2025-03-02"));

        Assert.Equal(expected, card.Soh);
    }

    [Fact]
    public void A_count_above_the_balance_raises_stock_and_records_a_positive_variance()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), Given.Issue(30, "2025-03-05"), Given.Count(75, "2025-03-31"));

        // 100 − 30 = 70 before the count; counted 75: variance +5
        var count = card.Lines()[^1];
        Assert.Equal(75, count.Balance);
        Assert.Equal(5, count.Variance);
    }

    [Fact]
    public void A_count_below_the_balance_lowers_stock_and_records_a_negative_variance()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), Given.Issue(30, "2025-03-05"), Given.Count(60, "2025-03-31"));

        // 70 before the count; counted 60: variance −10
        var count = card.Lines()[^1];
        Assert.Equal(60, count.Balance);
        Assert.Equal(-10, count.Variance);
    }

    [Fact]
    public void Only_counts_carry_a_variance() =>
        Assert.All(Given.Card(Given.Receipt(10, "2025-03-01"), Given.Issue(3, "2025-03-02")).Lines(), l => Assert.Null(l.Variance));

    [Fact]
    public void An_issue_beyond_stock_on_hand_is_rejected_with_the_balance_it_would_reach()
    {
        var card = Given.Card(Given.Receipt(10, "2025-03-01"));
        var issue = Given.Issue(15, "2025-03-02");

        var result = card.TryAdd(issue);

        // 10 − 15 = −5
        Assert.Equal(StockAddOutcome.Rejected, result.Outcome);
        Assert.Equal(new StockRejection(issue.Id, issue.OccurredAt, StockRejectionKind.NegativeBalance, -5), result.Rejection!.Where());
        Assert.Equal("negative_balance", result.Rejection!.Code);
        Assert.StartsWith("Only 10 on hand on 2 Mar 2025: this issue of 15 would leave -5.", result.Rejection.Message);
        Assert.Equal(10L, result.Rejection.Describe().Params["onHand"]);
        Assert.Equal(10, card.Soh);
    }

    [Fact]
    public void Events_at_the_same_moment_are_ordered_by_when_they_were_recorded()
    {
        var card = Given.Card(Given.Receipt(10, "2025-03-01"));
        var moment = Given.At("2025-03-05T08:00:00Z");
        var recordedFirst = Given.Issue(3, "2025-03-05") with { OccurredAt = moment };
        var recordedLater = Given.Receipt(5, "2025-03-05") with { OccurredAt = moment };

        // The later-recorded receipt is added first, yet the issue recorded before it comes first on the card.
        Assert.True(card.TryAdd(recordedLater).IsAccepted);
        Assert.True(card.TryAdd(recordedFirst).IsAccepted);

        // 10, −3 = 7, +5 = 12
        Assert.Equal([recordedFirst.Id, recordedLater.Id], card.Lines().Skip(1).Select(l => l.EventId));
        Assert.Equal([10, 7, 12], card.Balances());
    }

    [Fact]
    public void SohAt_answers_with_every_event_that_occurred_by_then()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-01T10:00:00Z"), Given.Issue(30, "2025-03-05T10:00:00Z"));

        Assert.Equal(0, card.SohAt(Given.At("2025-03-01T09:59:59Z")));
        Assert.Equal(100, card.SohAt(Given.At("2025-03-01T10:00:00Z")));
        Assert.Equal(100, card.SohAt(Given.At("2025-03-05T09:59:59Z")));
        Assert.Equal(70, card.SohAt(Given.At("2025-03-05T10:00:00Z")));
    }

    [Fact]
    public void Lines_between_two_moments_include_both_ends_and_keep_running_balances()
    {
        var card = Given.Card(
            Given.Receipt(100, "2025-03-01"),
            Given.Issue(10, "2025-03-02"),
            Given.Issue(20, "2025-03-03"),
            Given.Issue(30, "2025-03-04"));

        var lines = card.Lines(Given.At("2025-03-02"), Given.At("2025-03-03"));

        Assert.Equal([90, 70], lines.Select(l => l.Balance));
    }

    [Fact]
    public void A_card_rebuilt_from_its_ledger_in_any_order_has_the_same_lines()
    {
        var events = new[]
        {
            Given.Receipt(100, "2025-03-01"),
            Given.Issue(40, "2025-03-02"),
            Given.Count(55, "2025-03-03"),
            Given.Adjustment("found", 5, "2025-03-04"),
        };
        var built = Given.Card(events);

        var rebuilt = StockCard.FromLedger(events.Reverse());

        Assert.Equal(built.Lines(), rebuilt.Lines());
        Assert.Equal([100, 60, 55, 60], rebuilt.Balances());
    }

    [Fact]
    public void A_stored_ledger_whose_balance_breaks_is_not_silently_loaded() =>
        Assert.Throws<InvalidOperationException>(() =>
            StockCard.FromLedger([Given.Receipt(5, "2025-03-01"), Given.Issue(6, "2025-03-02")]));

    [Fact]
    public void An_event_for_another_medicine_is_invalid_and_changes_nothing()
    {
        var card = Given.Card(Given.Receipt(10, "2025-03-01"));

        var result = card.TryAdd(Given.Receipt(5, "2025-03-02") with { Medicine = "haloperidol-5mg-tab" });

        Assert.Equal(StockAddOutcome.Invalid, result.Outcome);
        Assert.Contains("medicine", result.Errors!.Keys);
        Assert.Equal(10, card.Soh);
    }

    [Fact]
    public void A_malformed_event_is_invalid_and_changes_nothing()
    {
        var card = Given.Card(Given.Receipt(10, "2025-03-01"));

        var result = card.TryAdd(Given.Make(StockEventType.Adjustment, 5, "2025-03-02"));

        Assert.Equal(StockAddOutcome.Invalid, result.Outcome);
        Assert.Equal(["reason"], result.Errors!.Keys);
        Assert.Equal(1, card.Count);
    }
}
