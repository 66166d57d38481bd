using MhSupply.Indicators;

namespace MhSupply.Indicators;

/// <summary>
/// The place indicators are computed for: a facility, a district or a region by id, or the whole country (no id). The
/// one SQL filter every source uses, so "the facilities of a district" means the same in every figure.
/// </summary>
public sealed record IndicatorScope(IndicatorLevel Level, string? Id)
{
    public static IndicatorScope National { get; } = new(IndicatorLevel.National, null);

    /// <summary>
    /// A condition on a facility table aliased <paramref name="alias"/> (columns id, district, region), with the scope's id
    /// bound as <c>@scopeId</c> (<see cref="Parameters"/>).
    /// </summary>
    public string FacilityFilter(string alias) => Level switch
    {
        IndicatorLevel.Facility => $"{alias}.id = @scopeId",
        IndicatorLevel.District => $"{alias}.district = @scopeId",
        IndicatorLevel.Region => $"{alias}.region = @scopeId",
        _ => "true",
    };

    public string ScopeId => Id ?? "";
}
