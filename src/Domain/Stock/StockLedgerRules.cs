namespace MhSupply.Stock;

/// <summary>
/// What a card's ledger arithmetic depends on besides its events: the facility's zone, whose local day says whether a
/// lot has expired when a line occurs, and whether a debit naming no lot may take from expired lots
/// (<c>Stock:IssueFromExpiredLots</c>). A snapshot written under other rules is not used (its lots may differ).
/// </summary>
public sealed record StockLedgerRules(TimeZoneInfo TimeZone, bool IssueFromExpiredLots = false)
{
    /// <summary>UTC days and the safe rule: expired lots give stock only when named.</summary>
    public static StockLedgerRules Default { get; } = new(TimeZoneInfo.Utc);
}
