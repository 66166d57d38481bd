namespace MhSupply.Stock;

/// <summary>
/// Ledger order: occurredAt, then recordedAt (docs/domain.md; OpenLMIS orders by occurred then processed date),
/// then id so that two events stamped alike still have one order. <see cref="Guid.CompareTo(Guid)"/> agrees with
/// PostgreSQL's uuid order (both follow the textual form), so <c>ORDER BY occurred_at, recorded_at, id</c> matches.
/// </summary>
public sealed class LedgerOrder : IComparer<StockEvent>
{
    public static LedgerOrder Instance { get; } = new();

    private LedgerOrder()
    {
    }

    public int Compare(StockEvent? x, StockEvent? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        var byOccurred = x.OccurredAt.CompareTo(y.OccurredAt);
        if (byOccurred != 0)
        {
            return byOccurred;
        }
        var byRecorded = x.RecordedAt.CompareTo(y.RecordedAt);
        return byRecorded != 0 ? byRecorded : x.Id.CompareTo(y.Id);
    }
}
