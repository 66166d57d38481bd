using System.Text.Json;
using MhSupply.Common;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Reference;
using MhSupply.Indicators;
using MhSupply.Messages;

namespace MhSupply.Gateway.Indicators;

/// <summary>
/// The body of PUT /hmis/dhis2/mapping: JSON (<c>{ "dataSet"?, "dataElements": [...], "orgUnits": [...] }</c>) or a CSV
/// file with the columns <see cref="CsvColumns"/>, one line per data set, data element or organisation unit. Read and
/// checked whole; any problem refuses the whole mapping.
/// </summary>
public static class Dhis2MappingImport
{
    public static readonly string[] CsvColumns = ["kind", "indicator", "dimension", "member", "level", "id", "uid", "categoryOptionCombo"];

    public sealed record DataElementBody(string? Indicator, string? Dimension, string? Member, string? DataElement, string? CategoryOptionCombo);

    public sealed record OrgUnitBody(string? Level, string? Id, string? OrgUnit);

    public sealed record MappingBody(string? DataSet, IReadOnlyList<DataElementBody>? DataElements, IReadOnlyList<OrgUnitBody>? OrgUnits);

    public static Dhis2Mapping? Read(string text, string? contentType, JsonSerializerOptions options, ValidationErrors errors)
    {
        var body = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? FromJson(text, options, errors) : FromCsv(text, errors);
        if (body is null)
        {
            return null;
        }
        var units = new List<Dhis2OrgUnitMap>();
        for (var i = 0; i < (body.OrgUnits?.Count ?? 0); i++)
        {
            var o = body.OrgUnits![i];
            if (IndicatorLevels.Parse(o.Level) is not { } level)
            {
                errors.Add($"orgUnits[{i}].level", IndicatorMessages.Of("indicator.level_invalid", ("value", o.Level ?? ""), ("allowed", "facility, district, region")));
                continue;
            }
            units.Add(new Dhis2OrgUnitMap(level, o.Id?.Trim() ?? "", o.OrgUnit?.Trim() ?? ""));
        }
        var mapping = new Dhis2Mapping(Blank(body.DataSet),
            [.. (body.DataElements ?? []).Select(e => new Dhis2DataElementMap(e.Indicator?.Trim() ?? "", Blank(e.Dimension), Blank(e.Member),
                e.DataElement?.Trim() ?? "", Blank(e.CategoryOptionCombo)))],
            units);
        foreach (var (field, message) in mapping.Problems())
        {
            errors.Add(field, message);
        }
        return errors.Any ? null : mapping;
    }

    /// <summary>The mapping as the JSON this import reads (levels by their wire names).</summary>
    public static MappingBody ToBody(Dhis2Mapping mapping) => new(mapping.DataSet,
        [.. mapping.DataElements.Select(e => new DataElementBody(e.Indicator, e.Dimension, e.Member, e.DataElement, e.CategoryOptionCombo))],
        [.. mapping.OrgUnits.Select(o => new OrgUnitBody(o.Level.ToWireName(), o.Id, o.OrgUnit))]);

    /// <summary>The mapping as the CSV this import reads: what an admin downloads, edits and puts back.</summary>
    public static string ToCsv(Dhis2Mapping mapping)
    {
        var rows = new List<IReadOnlyList<object?>>();
        if (mapping.DataSet is not null)
        {
            rows.Add(["dataSet", null, null, null, null, null, mapping.DataSet, null]);
        }
        rows.AddRange(mapping.DataElements.Select(e => (IReadOnlyList<object?>)["dataElement", e.Indicator, e.Dimension, e.Member, null, null, e.DataElement, e.CategoryOptionCombo]));
        rows.AddRange(mapping.OrgUnits.Select(o => (IReadOnlyList<object?>)["orgUnit", null, null, null, o.Level.ToWireName(), o.Id, o.OrgUnit, null]));
        return CsvText.Write(CsvColumns, rows);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static MappingBody? FromJson(string text, JsonSerializerOptions options, ValidationErrors errors)
    {
        try
        {
            return JsonSerializer.Deserialize<MappingBody>(text, options) ?? throw new JsonException();
        }
        catch (JsonException)
        {
            errors.Add("body", RequestMessages.Of("request.body_not_json"));
            return null;
        }
    }

    private static MappingBody? FromCsv(string text, ValidationErrors errors)
    {
        if (!MedicineImport.CheckCsvText(text, errors))
        {
            return null;
        }
        var table = CsvTable.Read(text);
        if (!table.Header.Contains("kind", StringComparer.OrdinalIgnoreCase) || !table.Header.Contains("uid", StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("header", RequestMessages.Of("request.required", ("field", "kind, uid")));
            return null;
        }
        string? dataSet = null;
        var (elements, units) = (new List<DataElementBody>(), new List<OrgUnitBody>());
        foreach (var row in table.Rows)
        {
            switch (row.Get("kind"))
            {
                case "dataSet":
                    dataSet = row.Get("uid");
                    break;
                case "dataElement":
                    elements.Add(new DataElementBody(row.Get("indicator"), row.Get("dimension"), row.Get("member"), row.Get("uid"), row.Get("categoryOptionCombo")));
                    break;
                case "orgUnit":
                    units.Add(new OrgUnitBody(row.Get("level"), row.Get("id"), row.Get("uid")));
                    break;
                default:
                    errors.Add($"line{row.LineNumber}.kind", IndicatorMessages.Of("dhis2.kind_invalid", ("value", row.Get("kind") ?? "")));
                    break;
            }
        }
        return errors.Any ? null : new MappingBody(dataSet, elements, units);
    }
}
