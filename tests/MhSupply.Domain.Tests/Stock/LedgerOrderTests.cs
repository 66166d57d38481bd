using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class LedgerOrderTests
{
    [Fact]
    public void Events_stamped_alike_are_ordered_by_id()
    {
        var moment = Given.At("2025-03-05T08:00:00Z");
        var stamp = Given.NextStamp();
        var low = Given.Receipt(5, "2025-03-05") with { Id = Guid.Parse("00000000-0000-0000-0000-000000000001"), OccurredAt = moment, RecordedAt = stamp };
        var high = Given.Issue(5, "2025-03-05") with { Id = Guid.Parse("ffffffff-0000-0000-0000-000000000000"), OccurredAt = moment, RecordedAt = stamp };

        // same occurredAt and recordedAt: the lower id goes first, so the receipt is there before the issue needs it
        // (1 + 5 = 6, then 6 − 5 = 1; the other way round the issue would break the balance: 1 − 5)
        var card = Given.Card(Given.Receipt(1, "2025-03-01"));
        Assert.True(card.TryAdd(low).IsAccepted);
        Assert.True(card.TryAdd(high).IsAccepted);

        Assert.Equal([low.Id, high.Id], card.Lines().Skip(1).Select(l => l.EventId));
    }

    [Fact]
    public void Id_order_matches_the_textual_order_PostgreSQL_sorts_uuids_by()
    {
        var ids = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid()).ToArray();

        var byGuid = ids.Order().ToArray();
        var byText = ids.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToArray();

        Assert.Equal(byText, byGuid);
    }
}
