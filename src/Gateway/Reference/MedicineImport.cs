using MhSupply.Messages;
using System.Text.Json;
using MhSupply.Common;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Reference;

namespace MhSupply.Gateway.Reference;

/// <summary>
/// The body of POST /medicines/import, a CSV file or a JSON list, read and checked in full: every problem of every item
/// is named (by line and column, or by item index), and any problem refuses the whole import.
/// </summary>
public static class MedicineImport
{
    public sealed record Parsed(IReadOnlyList<MedicineRecord> Medicines, ValidationErrors Errors);

    /// <param name="existing">The list as it is, by code: an imported item keeps its retirement (extend mode).</param>
    public static Parsed Read(string text, string? contentType, IReadOnlyDictionary<string, MedicineRecord> existing, JsonSerializerOptions options)
    {
        var errors = new ValidationErrors();
        var medicines = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            ? FromJson(text, existing, options, errors)
            : FromCsv(text, existing, errors);
        foreach (var code in medicines.GroupBy(m => m.Code).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add($"{code}.code", ReferenceMessages.Of("reference.medicine_twice", ("code", code)));
        }
        errors.Require(medicines.Count > 0 || errors.Any, "body", ReferenceMessages.Of("reference.import_empty"));
        return new Parsed(medicines, errors);
    }

    private static List<MedicineRecord> FromCsv(string text, IReadOnlyDictionary<string, MedicineRecord> existing, ValidationErrors errors)
    {
        if (!CheckCsvText(text, errors))
        {
            return [];
        }
        var parsed = MedicineCsv.Parse(text);
        errors.AddAll(parsed.Errors);
        foreach (var m in parsed.Medicines)
        {
            errors.Require(Ids.IsValid(m.Code), $"{m.Code}.code", () => RequestMessages.Of("request.id_invalid", ("field", "code"), ("value", m.Code)));
            errors.Require(m.Levels.All(WireNames<MhSupply.Stock.FacilityLevel>.IsValid), $"{m.Code}.levels", () => ReferenceMessages.Of("reference.levels_invalid", ("allowed", string.Join(", ", WireNames<MhSupply.Stock.FacilityLevel>.All))));
        }
        return parsed.Medicines.Select(m => m with { RetiredAt = existing.GetValueOrDefault(m.Code)?.RetiredAt }).ToList();
    }

    /// <summary>The text rule for every cell of an imported CSV (a NUL cannot be stored), naming line and column.</summary>
    internal static bool CheckCsvText(string text, ValidationErrors errors)
    {
        var (header, rows) = CsvTable.Read(text);
        if (header.FirstOrDefault(h => TextRules.Problem(h) is not null) is { } bad)
        {
            errors.Add("header", ReferenceMessages.Of("reference.header_unreadable"));
            return false;
        }
        var clean = true;
        foreach (var row in rows)
        {
            foreach (var (column, value) in row.Fields)
            {
                if (TextRules.Problem(value) is { } problem)
                {
                    errors.Add($"line{row.LineNumber}.{column}", TextRules.Message(column, problem));
                    clean = false;
                }
            }
        }
        return clean;
    }

    private static List<MedicineRecord> FromJson(string text, IReadOnlyDictionary<string, MedicineRecord> existing, JsonSerializerOptions options,
        ValidationErrors errors)
    {
        var result = new List<MedicineRecord>();
        foreach (var (item, name) in JsonImport.Items(text, "medicines", ReferenceMessages.Of("reference.import_shape"), errors))
        {
            if (FromJsonItem(item, name, existing, options, errors) is { } record)
            {
                result.Add(record);
            }
        }
        return result;
    }

    private static MedicineRecord? FromJsonItem(JsonElement item, string name, IReadOnlyDictionary<string, MedicineRecord> existing,
        JsonSerializerOptions options, ValidationErrors errors)
    {
        if (JsonImport.Item<MedicineBody>(item, name, ReferenceMessages.Of("reference.import_not_medicine", ("field", name)), options, errors)
            is not ({ } body, var code))
        {
            return null;
        }
        var prefix = name + ".";
        if (!Ids.IsValid(code))
        {
            errors.Add(prefix + "code", RequestMessages.Of("request.id_invalid", ("field", "code"), ("value", code)));
            return null;
        }
        return body.ValidateFields(errors, prefix) ? body.ToRecord(code!, existing.GetValueOrDefault(code!)?.RetiredAt) : null;
    }
}
