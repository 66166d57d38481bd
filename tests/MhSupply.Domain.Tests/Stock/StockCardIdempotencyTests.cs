using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockCardIdempotencyTests
{
    [Fact]
    public void The_same_event_sent_again_is_a_duplicate_applied_once()
    {
        var receipt = Given.Receipt(100, "2025-03-01");
        var card = Given.Card(receipt);

        var result = card.TryAdd(receipt with { RecordedAt = Given.NextStamp() });

        Assert.Equal(StockAddOutcome.Duplicate, result.Outcome);
        Assert.Equal(100, card.Soh);
        Assert.Equal(1, card.Count);
    }

    [Fact]
    public void The_same_id_with_other_content_is_a_conflict_and_changes_nothing()
    {
        var receipt = Given.Receipt(100, "2025-03-01");
        var card = Given.Card(receipt);

        var result = card.TryAdd(receipt with { Quantity = 120 });

        Assert.Equal(StockAddOutcome.Conflict, result.Outcome);
        Assert.Equal(100, card.Soh);
        Assert.Same(receipt, card.Find(receipt.Id));
    }

    [Fact]
    public void A_ledger_holding_one_event_twice_is_loaded_once()
    {
        var receipt = Given.Receipt(100, "2025-03-01");

        var card = StockCard.FromLedger([receipt, receipt]);

        Assert.Equal(100, card.Soh);
    }

    [Fact]
    public void A_ledger_holding_one_id_with_two_contents_is_refused()
    {
        var receipt = Given.Receipt(100, "2025-03-01");

        Assert.Throws<ArgumentException>(() => StockCard.FromLedger([receipt, receipt with { Quantity = 1 }]));
    }
}
