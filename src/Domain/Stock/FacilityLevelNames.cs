namespace MhSupply.Stock;

/// <summary>
/// Wire names of <see cref="FacilityLevel"/>. Not called <c>FacilityLevels</c>: that name is
/// <c>MhSupply.Reference.FacilityLevels</c> in the Grains project, and a type of the same simple name here would
/// shadow it inside <c>namespace MhSupply.Stock</c> files there.
/// </summary>
public static class FacilityLevelNames
{
    public const string Phc = "phc";
    public const string Specialist = "specialist";
    public const string Community = "community";
    public const string Warehouse = "warehouse";

    public static IReadOnlyList<string> WireNames { get; } = [Phc, Specialist, Community, Warehouse];

    public static bool TryParse(string? value, out FacilityLevel level)
    {
        level = value switch
        {
            Phc => FacilityLevel.Phc,
            Specialist => FacilityLevel.Specialist,
            Community => FacilityLevel.Community,
            Warehouse => FacilityLevel.Warehouse,
            _ => default,
        };
        return level != default;
    }

    public static string ToWireName(this FacilityLevel level) => level switch
    {
        FacilityLevel.Phc => Phc,
        FacilityLevel.Specialist => Specialist,
        FacilityLevel.Community => Community,
        FacilityLevel.Warehouse => Warehouse,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown facility level."),
    };
}
