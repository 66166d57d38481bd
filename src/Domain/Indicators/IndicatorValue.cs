namespace MhSupply.Indicators;

/// <summary>
/// One figure of an indicator for a period and place: the whole (no <see cref="Breakdown"/>) or one member of a
/// breakdown (<c>{"medicine": "fluoxetine-20"}</c>). <see cref="Value"/> is a rate in 0..1, a count or days; null when
/// the denominator is 0 (nothing to measure, which is not the same as 0%).
/// </summary>
public sealed record IndicatorValue(
    string Indicator,
    decimal? Value,
    decimal? Numerator = null,
    decimal? Denominator = null,
    IReadOnlyDictionary<string, string>? Breakdown = null)
{
    /// <summary>Rates and means are kept to this many places: enough for a percentage with two decimals.</summary>
    public const int Decimals = 4;

    public static IndicatorValue Rate(string indicator, decimal numerator, decimal denominator, IReadOnlyDictionary<string, string>? breakdown = null) =>
        new(indicator, denominator == 0 ? null : Math.Round(numerator / denominator, Decimals, MidpointRounding.AwayFromZero), numerator, denominator, breakdown);

    public static IndicatorValue Count(string indicator, decimal count, IReadOnlyDictionary<string, string>? breakdown = null) =>
        new(indicator, count, Breakdown: breakdown);

    /// <summary>A mean (total ÷ how many): numerator and denominator say what it is made of.</summary>
    public static IndicatorValue Mean(string indicator, decimal total, decimal count, IReadOnlyDictionary<string, string>? breakdown = null) =>
        Rate(indicator, total, count, breakdown);

    public static IReadOnlyDictionary<string, string> By(string dimension, string member) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [dimension] = member };

    /// <summary>The breakdown as one key, for lookups and sorting: "" for the whole, "medicine=fluoxetine-20" for a member.</summary>
    public string BreakdownKey => Breakdown is null ? "" : string.Join(";", Breakdown.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={b.Value}"));
}
