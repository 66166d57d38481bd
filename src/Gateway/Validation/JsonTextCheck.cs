using System.Text.Json;
using MhSupply.Gateway.Errors;
using MhSupply.Messages;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// <see cref="TextRules"/> over a whole JSON body read as a document (the endpoints that read their body field by field
/// rather than bind it): every property name and string value, so that a NUL or half a character is a 400 naming where it
/// is (<c>lines[2].note</c>) before any of it reaches a grain, a serializer or PostgreSQL.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>The body as a document, or the 400 naming the first field whose text breaks a rule (<c>body</c> when it is not UTF-8 JSON).</summary>
    public static async Task<(JsonDocument? Document, ValidationErrors? Errors)> ReadAsync(HttpRequest request, UserMessage notJson,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (await TextRules.ReadBodyAsync(request, cancellationToken) is not { } text)
        {
            errors.Add("body", TextRules.Message("body", TextRules.NotText));
            return (null, errors);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            errors.Add("body", notJson);
            return (null, errors);
        }
        if (Find(document.RootElement, "") is { } found)
        {
            document.Dispose();
            errors.Add(found.Field, TextRules.Message(found.Field, found.Problem));
            return (null, errors);
        }
        return (document, null);
    }

    private static (string Field, string Problem)? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TextRules.TryRead(element, out _, out var problem) ? null : (Name(path), problem ?? TextRules.NotText);
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{i++}]") is { } inItem)
                    {
                        return inItem;
                    }
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TextRules.TryReadName(property, out var name))
                    {
                        return (Name(path), TextRules.NotText);
                    }
                    if (Find(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } inValue)
                    {
                        return inValue;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static string Name(string path) => path.Length == 0 ? "body" : path;
}
