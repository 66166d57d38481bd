using System.Text.Json;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Messages;

namespace MhSupply.Gateway.Reference;

/// <summary>
/// What the JSON form of every reference-data import shares (medicines, adjustment reasons): the list is an array or an
/// object holding it under one key, each item is bound with the API's own options (so the text rule applies as to any
/// bound body) and carries its <c>code</c> beside the fields. Problems are named by item (<c>{key}[i].{field}</c>).
/// </summary>
internal static class JsonImport
{
    /// <summary>The items with their names (<c>{key}[i]</c>); empty with an error on <c>body</c> when the text is not such a list.</summary>
    public static IReadOnlyList<(JsonElement Item, string Name)> Items(string text, string key, UserMessage notAList, ValidationErrors errors)
    {
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(text);
        }
        catch (JsonException)
        {
            errors.Add("body", RequestMessages.Of("request.body_not_json"));
            return [];
        }
        var items = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var list) ? list : default;
        if (items.ValueKind != JsonValueKind.Array)
        {
            errors.Add("body", notAList);
            return [];
        }
        return [.. items.EnumerateArray().Select((item, i) => (item, $"{key}[{i}]"))];
    }

    /// <summary>
    /// One item's body and its code as text (not yet checked against the identifier rule); null with the error added
    /// when the item is not an object of that shape or breaks the text rule.
    /// </summary>
    public static (TBody Body, string? Code)? Item<TBody>(JsonElement item, string name, UserMessage notAnItem, JsonSerializerOptions options,
        ValidationErrors errors)
        where TBody : class
    {
        var prefix = name + ".";
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(name, notAnItem);
            return null;
        }
        TBody body;
        try
        {
            body = item.Deserialize<TBody>(options)!;
        }
        catch (FieldRuleJsonException rule)
        {
            var field = prefix + ProblemExceptionHandler.FieldName(rule.Path);
            errors.Add(field, TextRules.Message(field, rule.Rule));
            return null;
        }
        catch (JsonException)
        {
            errors.Add(name, notAnItem);
            return null;
        }
        string? code = null;
        if (item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && !TextRules.TryRead(c, out code, out var problem))
        {
            errors.Add(prefix + "code", TextRules.Message("code", problem ?? TextRules.NotText));
            return null;
        }
        return (body, code);
    }
}
