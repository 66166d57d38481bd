namespace MhSupply.Indicators;

/// <summary>
/// The DHIS2 mapping, keyed by <see cref="Current"/>: admins replace it whole through this grain, one change at a time
/// (a PUT and an import arriving together cannot interleave their rows).
/// </summary>
[Alias("mh.indicators.IDhis2MappingGrain")]
public interface IDhis2MappingGrain : IGrainWithStringKey
{
    public const string Current = "current";

    [Alias("Replace")]
    Task Replace(Dhis2MappingRows mapping, string by, DateTimeOffset at);
}

/// <summary>The mapping as it crosses to the grain: rows of text, checked before (<see cref="Dhis2Mapping.Problems"/>).</summary>
[GenerateSerializer, Immutable, Alias("mh.indicators.Dhis2MappingRows")]
public sealed record Dhis2MappingRows(
    [property: Id(0)] string? DataSet,
    [property: Id(1)] IReadOnlyList<Dhis2ElementRow> DataElements,
    [property: Id(2)] IReadOnlyList<Dhis2OrgUnitRow> OrgUnits)
{
    public static Dhis2MappingRows From(Dhis2Mapping m) => new(m.DataSet,
        [.. m.DataElements.Select(e => new Dhis2ElementRow(e.Indicator, e.Dimension ?? "", e.Member ?? "", e.DataElement, e.CategoryOptionCombo))],
        [.. m.OrgUnits.Select(o => new Dhis2OrgUnitRow(o.Level.ToWireName(), o.Id, o.OrgUnit))]);
}

[GenerateSerializer, Immutable, Alias("mh.indicators.Dhis2ElementRow")]
public sealed record Dhis2ElementRow([property: Id(0)] string Indicator, [property: Id(1)] string Dimension, [property: Id(2)] string Member,
    [property: Id(3)] string DataElement, [property: Id(4)] string? CategoryOptionCombo);

[GenerateSerializer, Immutable, Alias("mh.indicators.Dhis2OrgUnitRow")]
public sealed record Dhis2OrgUnitRow([property: Id(0)] string Level, [property: Id(1)] string Id, [property: Id(2)] string OrgUnit);
