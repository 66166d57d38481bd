using System.Globalization;
using System.Text;

namespace MhSupply.Messages;

/// <summary>
/// Builds a <see cref="UserMessage"/> from a catalogue's template: the English text replaces each <c>{name}</c> with the
/// parameter's English words, and the parameters keep a form any reader can word again (dates <c>YYYY-MM-DD</c>,
/// instants ISO 8601 UTC, numbers as numbers). One implementation for every catalogue.
/// </summary>
public static class MessageTemplates
{
    public static UserMessage Build(IReadOnlyDictionary<string, string> templates, string code, (string Name, object? Value)[] args)
    {
        if (!templates.TryGetValue(code, out var template))
        {
            throw new ArgumentException($"No message has the code {code}.", nameof(code));
        }
        var parameters = new Dictionary<string, object>(args.Length, StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            parameters[name] = Wire(value);
        }
        return new UserMessage(code, Render(template, args), parameters);
    }

    /// <summary>A day as the English messages write it: 1 Dec 2026.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A list in the English messages: "a, b or c".</summary>
    public static string JoinOr(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join("", names) : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    /// <summary>The parameter form of a value, as clients receive it.</summary>
    public static object Wire(object? value) => value switch
    {
        null => "",
        Shown s => Wire(s.Value),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string Render(string template, (string Name, object? Value)[] args)
    {
        var text = new StringBuilder(template);
        foreach (var (name, value) in args)
        {
            text.Replace("{" + name + "}", English(value));
        }
        return text.ToString();
    }

    private static string English(object? value) => value switch
    {
        null => "",
        Shown s => s.Text,
        DateOnly d => Day(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
