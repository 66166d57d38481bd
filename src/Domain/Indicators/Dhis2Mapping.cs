using System.Text.RegularExpressions;

namespace MhSupply.Indicators;

/// <summary>One indicator (or one breakdown member of it) as a DHIS2 data element and, optionally, category option combo.</summary>
public sealed record Dhis2DataElementMap(string Indicator, string? Dimension, string? Member, string DataElement, string? CategoryOptionCombo);

/// <summary>One of our facilities, districts or regions as a DHIS2 organisation unit.</summary>
public sealed record Dhis2OrgUnitMap(IndicatorLevel Level, string Id, string OrgUnit);

/// <summary>
/// The mapping from our indicators and places to DHIS2's uids (docs/domain.md, "Indicators", export). Rules on it live
/// here: what a uid is, which entries may coexist, and how an indicator value finds its data element.
/// </summary>
public sealed partial record Dhis2Mapping(string? DataSet, IReadOnlyList<Dhis2DataElementMap> DataElements, IReadOnlyList<Dhis2OrgUnitMap> OrgUnits)
{
    public static Dhis2Mapping Empty { get; } = new(null, [], []);

    /// <summary>DHIS2's uid: 11 characters, letters and digits, a letter first.</summary>
    public static bool IsUid(string? text) => text is not null && Uid().IsMatch(text);

    /// <summary>The data element of a value: its own breakdown member's entry, or the whole's for a whole.</summary>
    public Dhis2DataElementMap? ElementFor(IndicatorValue value)
    {
        var (dimension, member) = value.Breakdown is { Count: 1 } b ? (b.Keys.Single(), b.Values.Single()) : ("", "");
        return DataElements.FirstOrDefault(e => e.Indicator == value.Indicator && (e.Dimension ?? "") == dimension && (e.Member ?? "") == member);
    }

    public string? OrgUnitFor(IndicatorLevel level, string id) => OrgUnits.FirstOrDefault(o => o.Level == level && o.Id == id)?.OrgUnit;

    /// <summary>
    /// What is wrong with the mapping, as (field, message) pairs naming the entry: unknown indicators or dimensions, uids
    /// that are not uids, the same indicator member or place twice, the same (data element, combo) for two entries.
    /// </summary>
    public IReadOnlyList<(string Field, MhSupply.Messages.UserMessage Message)> Problems()
    {
        var problems = new List<(string, MhSupply.Messages.UserMessage)>();
        if (DataSet is not null && !IsUid(DataSet))
        {
            problems.Add(("dataSet", IndicatorMessages.Of("dhis2.uid_invalid", ("value", DataSet))));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < DataElements.Count; i++)
        {
            var e = DataElements[i];
            var field = $"dataElements[{i}]";
            var definition = IndicatorCatalog.Find(e.Indicator);
            if (definition is null)
            {
                problems.Add(($"{field}.indicator", IndicatorMessages.Of("indicator.unknown", ("value", e.Indicator), ("allowed", string.Join(", ", IndicatorCatalog.Codes)))));
            }
            else if (!string.IsNullOrEmpty(e.Dimension) && !definition.Breakdowns.Contains(e.Dimension))
            {
                problems.Add(($"{field}.dimension", IndicatorMessages.Of("dhis2.dimension_invalid", ("value", e.Dimension), ("indicator", e.Indicator),
                    ("allowed", definition.Breakdowns.Count == 0 ? "-" : string.Join(", ", definition.Breakdowns)))));
            }
            if (string.IsNullOrEmpty(e.Dimension) != string.IsNullOrEmpty(e.Member))
            {
                problems.Add(($"{field}.member", IndicatorMessages.Of("dhis2.member_required")));
            }
            if (!IsUid(e.DataElement))
            {
                problems.Add(($"{field}.dataElement", IndicatorMessages.Of("dhis2.uid_invalid", ("value", e.DataElement))));
            }
            if (e.CategoryOptionCombo is not null && !IsUid(e.CategoryOptionCombo))
            {
                problems.Add(($"{field}.categoryOptionCombo", IndicatorMessages.Of("dhis2.uid_invalid", ("value", e.CategoryOptionCombo))));
            }
            if (!seen.Add($"{e.Indicator}|{e.Dimension}|{e.Member}"))
            {
                problems.Add((field, IndicatorMessages.Of("dhis2.duplicate", ("value", Describe(e)))));
            }
            if (!targets.Add($"{e.DataElement}|{e.CategoryOptionCombo}"))
            {
                // Two figures into one DHIS2 cell would overwrite each other on import.
                problems.Add(($"{field}.dataElement", IndicatorMessages.Of("dhis2.target_shared", ("value", e.DataElement))));
            }
        }
        var places = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < OrgUnits.Count; i++)
        {
            var o = OrgUnits[i];
            if (o.Level == IndicatorLevel.National)
            {
                problems.Add(($"orgUnits[{i}].level", IndicatorMessages.Of("indicator.level_invalid", ("value", "national"), ("allowed", "facility, district, region"))));
            }
            if (string.IsNullOrWhiteSpace(o.Id))
            {
                problems.Add(($"orgUnits[{i}].id", IndicatorMessages.Of("indicator.id_required", ("level", o.Level.ToWireName()))));
            }
            if (!IsUid(o.OrgUnit))
            {
                problems.Add(($"orgUnits[{i}].orgUnit", IndicatorMessages.Of("dhis2.uid_invalid", ("value", o.OrgUnit))));
            }
            if (!places.Add($"{o.Level}|{o.Id}"))
            {
                problems.Add(($"orgUnits[{i}]", IndicatorMessages.Of("dhis2.duplicate", ("value", $"{o.Level.ToWireName()} {o.Id}"))));
            }
        }
        return problems;
    }

    private static string Describe(Dhis2DataElementMap e) => string.IsNullOrEmpty(e.Dimension) ? e.Indicator : $"{e.Indicator} ({e.Dimension} {e.Member})";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex Uid();
}
