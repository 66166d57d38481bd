using System.Text.Json;
using MhSupply.Common;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Messages;
using MhSupply.Stock;

namespace MhSupply.Gateway.Reference;

/// <summary>
/// The body of POST /adjustment-reasons/import: a CSV file (columns code, name, direction, category and, optionally, active)
/// or a JSON list, read and checked in full. Every problem is named by line and column, or by item, and any problem
/// refuses the whole import, as the medicines import does.
/// </summary>
public static class AdjustmentReasonImport
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["code", "name", "direction", "category"];

    public static (IReadOnlyList<AdjustmentReason> Reasons, ValidationErrors Errors) Read(string text, string? contentType, JsonSerializerOptions options)
    {
        var errors = new ValidationErrors();
        var reasons = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            ? FromJson(text, options, errors)
            : FromCsv(text, errors);
        foreach (var code in reasons.GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add($"{code}.code", ReferenceMessages.Of("reference.reason_twice", ("code", code)));
        }
        errors.Require(reasons.Count > 0 || errors.Any, "body", ReferenceMessages.Of("reference.reason_import_empty"));
        return (reasons, errors);
    }

    private static List<AdjustmentReason> FromCsv(string text, ValidationErrors errors)
    {
        if (!MedicineImport.CheckCsvText(text, errors))
        {
            return [];
        }
        var (header, rows) = CsvTable.Read(text);
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            errors.Add("header", StockMessages.Of("csv_header_missing", ("missing", string.Join(", ", missing))));
            return [];
        }
        var reasons = new List<AdjustmentReason>();
        foreach (var row in rows)
        {
            var at = $"line{row.LineNumber}.";
            var code = row.Get("code");
            var active = row.Get("active");
            bool? isActive = active is null ? null : bool.TryParse(active, out var a) ? a : null;
            var body = new AdjustmentReasonBody(row.Get("name"), row.Get("direction"), row.Get("category"), isActive);
            var valid = body.ValidateFields(errors, at);
            if (!Ids.IsValid(code))
            {
                errors.Add(at + "code", RequestMessages.Of("request.id_invalid", ("field", "code"), ("value", code)));
                valid = false;
            }
            if (active is not null && isActive is null)
            {
                errors.Add(at + "active", ReferenceMessages.Of("reference.reason_active", ("value", active)));
                valid = false;
            }
            if (valid)
            {
                reasons.Add(body.ToReason(code!));
            }
        }
        return reasons;
    }

    private static List<AdjustmentReason> FromJson(string text, JsonSerializerOptions options, ValidationErrors errors)
    {
        var reasons = new List<AdjustmentReason>();
        foreach (var (item, name) in JsonImport.Items(text, "reasons", ReferenceMessages.Of("reference.reason_import_shape"), errors))
        {
            if (FromJsonItem(item, name, options, errors) is { } reason)
            {
                reasons.Add(reason);
            }
        }
        return reasons;
    }

    private static AdjustmentReason? FromJsonItem(JsonElement item, string name, JsonSerializerOptions options, ValidationErrors errors)
    {
        if (JsonImport.Item<AdjustmentReasonBody>(item, name, ReferenceMessages.Of("reference.reason_import_shape"), options, errors)
            is not ({ } body, var code))
        {
            return null;
        }
        var prefix = name + ".";
        var valid = body.ValidateFields(errors, prefix);
        if (!Ids.IsValid(code))
        {
            errors.Add(prefix + "code", RequestMessages.Of("request.id_invalid", ("field", "code"), ("value", code)));
            return null;
        }
        return valid ? body.ToReason(code!) : null;
    }
}
