using System.Globalization;
using Dapper;
using Npgsql;

namespace MhSupply.Indicators;

/// <summary>One DHIS2 data value: strings, as DHIS2's import reads them.</summary>
public sealed record Dhis2DataValue(string DataElement, string? CategoryOptionCombo, string OrgUnit, string Period, string Value);

/// <summary>A figure the export could not send: no data element for it, or no organisation unit for its place.</summary>
public sealed record Dhis2Unmapped(string Indicator, IReadOnlyDictionary<string, string>? Breakdown, string Level, string? Id, string Reason);

/// <summary>A DHIS2 data value set (docs/domain.md, "Indicators", export) and what was left out of it.</summary>
public sealed record Dhis2DataValueSet(string? DataSet, string Period, string? OrgUnit, IReadOnlyList<Dhis2DataValue> DataValues,
    IReadOnlyList<Dhis2Unmapped> Unmapped);

/// <summary>
/// Builds the data value set of a period for a place and, with children, every facility and district under it, from the
/// indicators (<see cref="IndicatorService"/>) and the mapping. A value whose denominator is 0 has no figure and is not
/// sent (DHIS2 would store it as 0); a figure with no data element or no organisation unit is listed as unmapped.
/// </summary>
public sealed class Dhis2Export(IndicatorService indicators, NpgsqlDataSource dataSource)
{
    public const string NoDataElement = "no_data_element";
    public const string NoOrgUnit = "no_org_unit";

    public async Task<Dhis2DataValueSet> BuildAsync(IndicatorScope scope, IndicatorPeriod period, bool children, Dhis2Mapping mapping,
        CancellationToken cancellationToken = default)
    {
        var places = children ? await WithChildrenAsync(scope, cancellationToken) : [scope];
        var values = new List<Dhis2DataValue>();
        var unmapped = new List<Dhis2Unmapped>();
        var dhis2Period = period.ToDhis2();
        foreach (var place in places)
        {
            var orgUnit = place.Id is null ? null : mapping.OrgUnitFor(place.Level, place.Id);
            foreach (var value in await indicators.ValuesAsync(place, period, cancellationToken))
            {
                var element = mapping.ElementFor(value);
                if (element is null || orgUnit is null)
                {
                    unmapped.Add(new Dhis2Unmapped(value.Indicator, value.Breakdown, place.Level.ToWireName(), place.Id, orgUnit is null ? NoOrgUnit : NoDataElement));
                }
                else if (value.Value is { } v)
                {
                    values.Add(new Dhis2DataValue(element.DataElement, element.CategoryOptionCombo, orgUnit, dhis2Period,
                        v.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
        var top = scope.Id is null ? null : mapping.OrgUnitFor(scope.Level, scope.Id);
        return new Dhis2DataValueSet(mapping.DataSet, dhis2Period, top, values, unmapped);
    }

    /// <summary>The place, then its districts (for a region), then its facilities: DHIS2's hierarchy below it.</summary>
    private async Task<IReadOnlyList<IndicatorScope>> WithChildrenAsync(IndicatorScope scope, CancellationToken cancellationToken)
    {
        if (scope.Level == IndicatorLevel.Facility)
        {
            return [scope];
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var facilities = (await connection.QueryAsync<(string Id, string District)>(new CommandDefinition(
            $"SELECT f.id, f.district FROM mh.facility f WHERE f.active AND {scope.FacilityFilter("f")} ORDER BY f.district, f.id",
            new { scopeId = scope.ScopeId }, cancellationToken: cancellationToken))).AsList();
        var list = new List<IndicatorScope> { scope };
        if (scope.Level is IndicatorLevel.Region or IndicatorLevel.National)
        {
            list.AddRange(facilities.Select(f => f.District).Distinct().Select(d => new IndicatorScope(IndicatorLevel.District, d)));
        }
        list.AddRange(facilities.Select(f => new IndicatorScope(IndicatorLevel.Facility, f.Id)));
        return list;
    }
}
