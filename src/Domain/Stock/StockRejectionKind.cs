namespace MhSupply.Stock;

/// <summary>Which balance an event would break.</summary>
public enum StockRejectionKind
{
    /// <summary>The card's stock on hand would go below zero (OpenLMIS rejects a debit that exceeds SOH).</summary>
    NegativeBalance = 1,

    /// <summary>A debit naming a lot takes more than that lot holds.</summary>
    NegativeLotBalance,

    /// <summary>The balance would exceed what a 32-bit count can hold: certainly a data-entry error.</summary>
    BalanceOverflow,

    /// <summary>
    /// A debit naming no lot needs more than the unexpired lots and the stock without a lot hold: only lots already
    /// expired on its day could cover it, and those give stock only when named (Stock:IssueFromExpiredLots false).
    /// </summary>
    OnlyExpiredStock,
}
