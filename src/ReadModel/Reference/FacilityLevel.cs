namespace MhSupply.Reference;

/// <summary>Wire names of facility levels (domain reference, "Facilities and the medicines list").</summary>
public static class FacilityLevels
{
    public const string Phc = "phc";
    public const string Specialist = "specialist";
    public const string Community = "community";
    public const string Warehouse = "warehouse";

    public static IReadOnlyList<string> All { get; } = [Phc, Specialist, Community, Warehouse];

    public static bool IsValid(string? level) => level is not null && All.Contains(level);
}
