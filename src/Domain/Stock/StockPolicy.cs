namespace MhSupply.Stock;

/// <summary>
/// Max-min inventory control thresholds in months of stock (JSI Logistics Handbook, max-min systems; defaults per
/// level from docs/domain.md). These are defaults: deployments override them through configuration.
/// </summary>
public sealed record StockPolicy(decimal Max, decimal Min, decimal EmergencyOrderPoint)
{
    public static StockPolicy Phc { get; } = new(3m, 1m, 0.5m);
    public static StockPolicy Specialist { get; } = new(4m, 2m, 1m);
    public static StockPolicy Warehouse { get; } = new(6m, 3m, 1.5m);

    /// <summary>
    /// Community services get PHC's thresholds: docs/domain.md gives them none, and what they hold (if any)
    /// is dispensed like a primary-care stock, resupplied on the same cycle.
    /// </summary>
    public static StockPolicy ForLevel(FacilityLevel level) => level switch
    {
        FacilityLevel.Phc or FacilityLevel.Community => Phc,
        FacilityLevel.Specialist => Specialist,
        FacilityLevel.Warehouse => Warehouse,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown facility level."),
    };

    /// <summary>Problems with these thresholds, empty when 0 ≤ EOP ≤ min ≤ max and max &gt; 0.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Max <= 0)
        {
            problems.Add("Max must be more than 0 months.");
        }
        if (EmergencyOrderPoint < 0)
        {
            problems.Add("EmergencyOrderPoint must not be negative.");
        }
        if (Min > Max)
        {
            problems.Add("Min must not exceed Max.");
        }
        if (EmergencyOrderPoint > Min)
        {
            problems.Add("EmergencyOrderPoint must not exceed Min.");
        }
        return problems;
    }
}
