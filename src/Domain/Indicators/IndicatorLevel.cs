namespace MhSupply.Indicators;

/// <summary>Where an indicator is computed: one facility, a district, a region or the whole country.</summary>
public enum IndicatorLevel
{
    Facility,
    District,
    Region,
    National,
}

public static class IndicatorLevels
{
    public static IReadOnlyList<string> WireNames { get; } = new[] { "facility", "district", "region", "national" };

    public static string ToWireName(this IndicatorLevel level) => WireNames[(int)level];

    public static IndicatorLevel? Parse(string? text) =>
        ((IList<string>)WireNames).IndexOf(text?.Trim().ToLowerInvariant() ?? "") is var i and >= 0 ? (IndicatorLevel)i : null;
}
