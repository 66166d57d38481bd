namespace MhSupply.Stock;

/// <summary>
/// "Stock" configuration: max-min inventory control per facility level and the calculation settings
/// (docs/domain.md "Configuration" defaults; a country sets its own).
/// </summary>
public sealed class StockOptions
{
    public const string Section = "Stock";

    public Dictionary<string, LevelPolicy> Policies { get; set; } = new(StringComparer.Ordinal)
    {
        [FacilityLevel.Phc.ToWireName()] = new() { Max = 3, Min = 1, EmergencyOrderPoint = 0.5m },
        [FacilityLevel.Specialist.ToWireName()] = new() { Max = 4, Min = 2, EmergencyOrderPoint = 1 },
        [FacilityLevel.Community.ToWireName()] = new() { Max = 3, Min = 1, EmergencyOrderPoint = 0.5m },
        [FacilityLevel.Warehouse.ToWireName()] = new() { Max = 6, Min = 3, EmergencyOrderPoint = 1.5m },
    };

    public int AmcMonths { get; set; } = 3;

    public int ExpiryWarningDays { get; set; } = 90;

    /// <summary>
    /// What a transfer names as its other facility when the records it comes from (paper, a system being left) do not say
    /// which facility it was (issue 18, item 5): accepted as such, and shown as "unknown" rather than as a facility.
    /// </summary>
    public string UnknownCounterpart { get; set; } = "unknown";

    /// <summary>IANA or Windows id of the facilities' local time zone: days close at its midnight. UTC by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// How long after a commit a facility's read model, card alerts and lot due-index follow (FacilityStockGrain): the
    /// reports of that interval are projected together. Readers of the read model never see it lag (they bring their
    /// facilities up to date first); what waits is only the alerts' own delivery, by at most this.
    /// </summary>
    public TimeSpan ProjectionDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many days before today a facility's cards keep their lines in memory (FacilityCards): a report dated within
    /// them is decided there; an older one reads its card's lines from the ledger first. Older lines are folded into each
    /// card's history, so memory follows these days, not the years of the ledger.
    /// </summary>
    public int LateDays { get; set; } = 3;

    /// <summary>Whether an issue naming no lot may take from an expired lot (false: only when the lot is named; docs/domain.md).</summary>
    public bool IssueFromExpiredLots { get; set; }

    /// <summary>
    /// Stock:MinimumSuggestion: units to hold of a medicine when its card gives no demand to go on (no consumption history
    /// and no active treatment plan), <see cref="MinimumSuggestionOptions.Default"/> for every medicine and
    /// <see cref="MinimumSuggestionOptions.Medicines"/> by code (a country sets these as it sets ideal stock amounts).
    /// </summary>
    public MinimumSuggestionOptions MinimumSuggestion { get; set; } = new();

    public sealed class MinimumSuggestionOptions
    {
        public int Default { get; set; }

        public Dictionary<string, int> Medicines { get; set; } = new(StringComparer.Ordinal);
    }

    public sealed class LevelPolicy
    {
        public decimal Max { get; set; }

        public decimal Min { get; set; }

        public decimal EmergencyOrderPoint { get; set; }
    }

    public StockPolicy PolicyFor(string level) =>
        Policies.TryGetValue(level, out var p) ? new StockPolicy(p.Max, p.Min, p.EmergencyOrderPoint) : StockPolicy.Phc;

    public StockCalculationOptions CalculationOptions() => new()
    {
        AmcMonths = AmcMonths,
        ExpiryWarningDays = ExpiryWarningDays,
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        IssueFromExpiredLots = IssueFromExpiredLots,
        DefaultMinimumSuggestion = MinimumSuggestion.Default,
        MinimumSuggestions = MinimumSuggestion.Medicines,
    };

    public IEnumerable<string> Validate()
    {
        foreach (var level in WireNames<FacilityLevel>.All.Where(l => !Policies.ContainsKey(l)))
        {
            yield return $"Stock:Policies:{level} is missing";
        }
        foreach (var (level, p) in Policies)
        {
            foreach (var problem in new StockPolicy(p.Max, p.Min, p.EmergencyOrderPoint).Validate())
            {
                yield return $"Stock:Policies:{level}: {problem}";
            }
        }
        if (LateDays is < 0 or > 60)
        {
            yield return $"Stock:LateDays must be between 0 and 60 (was {LateDays})";
        }
        if (ProjectionDelay <= TimeSpan.Zero || ProjectionDelay > TimeSpan.FromMinutes(5))
        {
            yield return $"Stock:ProjectionDelay must be more than 0 and at most 00:05:00 (was {ProjectionDelay})";
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return $"Stock:TimeZone '{TimeZone}' is not a known time zone";
        }
        else
        {
            foreach (var problem in CalculationOptions().Validate())
            {
                yield return "Stock: " + problem;
            }
        }
    }
}
