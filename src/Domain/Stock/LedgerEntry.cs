namespace MhSupply.Stock;

/// <summary>
/// A ledger line with what it left behind: the card balance, a count's variance, and the lots; and how many units a
/// debit naming no lot had to take from expired lots (0 unless a stored line was accepted under another rule).
/// </summary>
internal readonly record struct LedgerEntry(StockEvent Event, int Balance, int? Variance, LotState Lots, int FromExpired = 0)
{
    /// <summary>True when both lines leave the card in the same state, so nothing after them can differ.</summary>
    public bool LeavesSameStateAs(in LedgerEntry other) => Balance == other.Balance && Lots.SameAs(other.Lots);
}
