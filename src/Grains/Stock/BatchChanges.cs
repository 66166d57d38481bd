namespace MhSupply.Stock;

/// <summary>What one batch did to the cards in memory: what the commit writes and the projection follows.</summary>
internal sealed class BatchChanges
{
    /// <summary>Cards that took at least one event: the projection's work.</summary>
    public HashSet<string> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>The events the cards took, in ledger order: what the commit writes.</summary>
    public List<StockEvent> Accepted { get; } = [];
}
