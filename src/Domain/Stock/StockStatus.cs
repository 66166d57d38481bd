namespace MhSupply.Stock;

/// <summary>Max-min status of a card (domain reference, "Consumption, months of stock and status").</summary>
public enum StockStatus
{
    /// <summary>No usable consumption history (or no ledger yet): months of stock cannot be judged.</summary>
    Unknown = 0,
    StockedOut,
    BelowEop,
    BelowMin,
    Ok,
    Overstocked,
}
