namespace MhSupply.Stock;

/// <summary>Settings of <see cref="StockCalculator"/> (docs/domain.md "Configuration" defaults; configurable per deployment).</summary>
public sealed record StockCalculationOptions
{
    public static StockCalculationOptions Default { get; } = new();

    /// <summary>How many complete months with data AMC averages (docs/domain.md: 3, configurable 1–6).</summary>
    public int AmcMonths { get; init; } = 3;

    /// <summary>
    /// How far back AMC looks for months with data. Our bound, not the handbook's: a long stock-out skips months,
    /// and consumption from more than a year ago says little about today's order.
    /// </summary>
    public int AmcLookbackMonths { get; init; } = 12;

    /// <summary>A lot expiring within this many days of the as-of date is "expiring" (docs/domain.md: 90).</summary>
    public int ExpiryWarningDays { get; init; } = 90;

    /// <summary>The facility's time zone: days (closing balances, end of the as-of day) are its local days.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// Stock:IssueFromExpiredLots: whether a debit naming no lot may take from lots already expired on its day (false, the
    /// safe rule: they give stock only when named; see <see cref="LedgerStep"/>).
    /// </summary>
    public bool IssueFromExpiredLots { get; init; }

    /// <summary>What the cards' ledger arithmetic needs of these settings.</summary>
    public StockLedgerRules LedgerRules => new(TimeZone, IssueFromExpiredLots);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (AmcMonths is < 1 or > 6)
        {
            problems.Add("AmcMonths must be between 1 and 6.");
        }
        if (AmcLookbackMonths < AmcMonths || AmcLookbackMonths > 60)
        {
            problems.Add("AmcLookbackMonths must be at least AmcMonths and at most 60.");
        }
        if (ExpiryWarningDays < 0)
        {
            problems.Add("ExpiryWarningDays must not be negative.");
        }
        return problems;
    }
}
