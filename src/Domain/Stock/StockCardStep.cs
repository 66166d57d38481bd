namespace MhSupply.Stock;

/// <summary>
/// The steps inside <see cref="StockCard.TryAdd"/> at which a failure-injection probe may throw: the facility grain's
/// tests prove that an exception at any of them leaves nothing of the batch in the grain's memory.
/// </summary>
public enum StockCardStep
{
    /// <summary>The event passed the content checks and is about to be placed.</summary>
    Admit,

    /// <summary>Balances and lots of the lines at and after the event are derived; the card is not changed yet.</summary>
    LotBookkeeping,

    /// <summary>The card's lines are changed; the cached months the event invalidates are not forgotten yet.</summary>
    MonthBookkeeping,
}
