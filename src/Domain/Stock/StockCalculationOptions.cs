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

    /// <summary>
    /// Stock:MinimumSuggestion:Medicines: units of a medicine to hold when its card gives no demand to go on (no complete
    /// month of consumption, or none consumed, and no active treatment plan), by medicine code. Without it a new or
    /// never-dispensed card at 0 would be suggested nothing at all (issue 18, item 2).
    /// </summary>
    public IReadOnlyDictionary<string, int> MinimumSuggestions { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Stock:MinimumSuggestion:Default: the same for a medicine not listed there; 0 sets no minimum.</summary>
    public int DefaultMinimumSuggestion { get; init; }

    /// <summary>The units to hold of <paramref name="medicine"/> when there is no demand to go on; null when none is configured.</summary>
    public int? MinimumSuggestionFor(string? medicine) =>
        medicine is not null && MinimumSuggestions.TryGetValue(medicine, out var units) ? units
        : DefaultMinimumSuggestion > 0 ? DefaultMinimumSuggestion : null;

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
        if (DefaultMinimumSuggestion < 0)
        {
            problems.Add("MinimumSuggestion:Default must not be negative.");
        }
        foreach (var (medicine, units) in MinimumSuggestions.Where(m => m.Value < 0))
        {
            problems.Add($"MinimumSuggestion:Medicines:{medicine} must not be negative (was {units}).");
        }
        return problems;
    }
}
