using System.Text.Json;

namespace MhSupply.WebTests.Infrastructure;

/// <summary>
/// The app's English strings by key. Tests name controls by these, so rewording a label does not break them, and a
/// key that disappears fails loudly here rather than as a timeout.
/// </summary>
public sealed class UiText(IReadOnlyDictionary<string, JsonElement> strings)
{
    public string this[string key] =>
        strings.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new KeyNotFoundException($"en.json has no string '{key}'");

    /// <summary>The string with its {placeholders} filled in.</summary>
    public string Format(string key, params (string Name, object Value)[] values)
    {
        var text = this[key];
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        return text;
    }
}
