namespace MhSupply.Stock;

/// <summary>What <see cref="StockCard.TryAdd"/> did with an event (docs/api.md outcomes plus the reasons for "rejected").</summary>
public enum StockAddOutcome
{
    /// <summary>Placed in the ledger; later balances were re-derived.</summary>
    Accepted = 1,

    /// <summary>The same event (same id, same content) is already on the card: nothing changed.</summary>
    Duplicate,

    /// <summary>Another event with this id is on the card: a 409-style conflict, nothing changed.</summary>
    Conflict,

    /// <summary>It would break a balance: see <see cref="StockAddResult.Rejection"/>; nothing changed.</summary>
    Rejected,

    /// <summary>The event itself is malformed: see <see cref="StockAddResult.Errors"/>; nothing changed.</summary>
    Invalid,
}
