namespace MhSupply.Stock;

/// <summary>Max-min status of a card (docs/domain.md, "Consumption, months of stock and status").</summary>
public enum StockStatus
{
    StockedOut = 1,
    BelowEop,
    BelowMin,
    Ok,
    Overstocked,

    /// <summary>
    /// No usable consumption history (or no ledger yet): months of stock cannot be judged. Declared last so the wire
    /// names list it last (<see cref="WireNames{T}.All"/> keeps declaration order); it stays the default value.
    /// </summary>
    Unknown = 0,
}
