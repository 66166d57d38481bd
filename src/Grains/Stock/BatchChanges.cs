namespace MhSupply.Stock;

/// <summary>What one batch did to the cards in memory: kept so that a failure anywhere undoes exactly that.</summary>
internal sealed class BatchChanges
{
    /// <summary>Cards asked to take an event, noted before the card is asked: a card that throws half-way is undone too.</summary>
    public HashSet<string> Attempted { get; } = new(StringComparer.Ordinal);

    /// <summary>Cards that took at least one event: the projection's work.</summary>
    public HashSet<string> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>The events the cards took, in ledger order: what the commit writes.</summary>
    public List<StockEvent> Accepted { get; } = [];
}
