using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockCardBackdatingTests
{
    [Fact]
    public void Backdated_issue_that_breaks_a_later_balance_is_rejected_and_nothing_changes()
    {
        var receipt = Given.Receipt(100, "2025-03-01");
        var laterIssue = Given.Issue(80, "2025-03-20");
        var card = Given.Card(receipt, laterIssue);
        var before = card.Lines();

        var backdated = Given.Issue(30, "2025-03-10");
        var result = card.TryAdd(backdated);

        // 100 − 30 = 70 on the 10th is fine, but the issue of 80 on the 20th would leave 70 − 80 = −10.
        Assert.Equal(StockAddOutcome.Rejected, result.Outcome);
        Assert.Equal(new StockRejection(laterIssue.Id, laterIssue.OccurredAt, StockRejectionKind.NegativeBalance, -10), result.Rejection!.Where());
        // It names the later line it would break, by date, type and quantity, in words and as parameters.
        var message = result.Rejection!.Describe();
        Assert.Equal("breaks_later_line", message.Code);
        Assert.StartsWith("This issue of 30 on 10 Mar 2025 would leave too little for the issue of 80 on 20 Mar 2025: the balance would fall to -10 on that day.",
            message.Text);
        Assert.Equal("negative_balance", result.Rejection!.Code);
        Assert.Equal(30, message.Params["asked"]);
        Assert.Equal("2025-03-10", message.Params["day"]);
        Assert.Equal("issue", message.Params["lineType"]);
        Assert.Equal(80, message.Params["lineQuantity"]);
        Assert.Equal("2025-03-20", message.Params["lineDay"]);
        Assert.Equal(-10L, message.Params["balance"]);
        Assert.Equal(before, card.Lines());
        Assert.Equal(20, card.Soh);
        Assert.False(card.Contains(backdated.Id));
    }

    [Fact]
    public void A_rejected_event_can_be_sent_again_once_stock_allows_it()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), Given.Issue(80, "2025-03-20"));
        var backdated = Given.Issue(30, "2025-03-10");
        Assert.False(card.TryAdd(backdated).IsAccepted);

        Assert.True(card.TryAdd(Given.Receipt(50, "2025-03-05")).IsAccepted);

        // 100, +50 = 150, −30 = 120, −80 = 40
        Assert.True(card.TryAdd(backdated).IsAccepted);
        Assert.Equal([100, 150, 120, 40], card.Balances());
    }

    [Fact]
    public void Backdated_receipt_re_derives_every_later_balance()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), Given.Issue(30, "2025-03-10"), Given.Issue(20, "2025-03-20"));
        Assert.Equal([100, 70, 50], card.Balances());

        Assert.True(card.TryAdd(Given.Receipt(40, "2025-03-05")).IsAccepted);

        // 100, +40 = 140, −30 = 110, −20 = 90
        Assert.Equal([100, 140, 110, 90], card.Balances());
        Assert.Equal(90, card.Soh);
    }

    [Fact]
    public void Backdated_event_before_a_count_changes_balances_only_up_to_the_count()
    {
        var count = Given.Count(75, "2025-03-15");
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), Given.Issue(20, "2025-03-10"), count, Given.Issue(10, "2025-03-20"));
        // 100, 80, counted 75 (variance −5), 65
        Assert.Equal([100, 80, 75, 65], card.Balances());
        var derivedBefore = card.DerivedLines;

        Assert.True(card.TryAdd(Given.Issue(5, "2025-03-05")).IsAccepted);

        // 100, −5 = 95, −20 = 75, counted 75 (variance now 0), 65 unchanged
        Assert.Equal([100, 95, 75, 75, 65], card.Balances());
        Assert.Equal(0, card.Lines().Single(l => l.EventId == count.Id).Variance);
        // The new line, the issue on the 10th and the count were derived; the line after the count was not.
        Assert.Equal(3, card.DerivedLines - derivedBefore);
    }

    [Fact]
    public void Backdated_issue_before_a_count_is_still_rejected_when_it_breaks_a_balance_before_the_count()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-01"), Given.Issue(20, "2025-03-10"), Given.Count(75, "2025-03-15"));

        var result = card.TryAdd(Given.Issue(90, "2025-03-05"));

        // 100 − 90 = 10 on the 5th, then 10 − 20 = −10 on the 10th, even though the count would reset it to 75.
        Assert.Equal(StockAddOutcome.Rejected, result.Outcome);
        Assert.Equal(-10, result.Rejection!.Balance);
        Assert.Equal([100, 80, 75], card.Balances());
    }
}
