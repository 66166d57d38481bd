using System.Globalization;
using System.Text;
using System.Text.Json;
namespace MhSupply.Messages;

/// <summary>
/// The words of a message code in a reader's language, for what the server sends itself (SMS replies; alert e-mails):
/// the web app's own i18n files (src/Gateway/wwwroot/i18n/{lang}.json, embedded in this assembly at build, read once),
/// so every string has one copy. A message code's key is <see cref="MessageKeys.Of"/> (<c>error.{code}</c>, or the
/// <c>sms.*</c> code itself). Parameters are worded as the web app words them (api.js): a <c>YYYY-MM-DD</c> day as
/// "1 Dec 2026" / "1 déc. 2026" / "1 ديسمبر 2026" (the language's month names from <c>sms.format.months</c>, Western
/// digits, Gregorian calendar), a number with the language's group separator (<c>sms.format.thousands</c>), a stock event type as its
/// <c>typeNoun.*</c>, anything else as given. A language or
/// key the files lack falls back to English, then to the code itself.
/// </summary>
public sealed class MessageCatalog
{
    public const string English = "en";

    /// <summary>The key holding a language's twelve short month names, comma-separated, January first.</summary>
    public const string MonthsKey = "sms.format.months";

    /// <summary>The key holding twelve thousand three hundred and forty-five as the language writes it ("12,345", "12 345"): its separator.</summary>
    public const string ThousandsKey = "sms.format.thousands";

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _strings;

    public MessageCatalog(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> strings)
    {
        if (!strings.ContainsKey(English))
        {
            throw new ArgumentException("The catalogue needs the English strings (en).", nameof(strings));
        }
        _strings = strings;
    }

    /// <summary>The languages there are strings for (en, fr, ar).</summary>
    public IReadOnlyCollection<string> Languages => [.. _strings.Keys];

    /// <summary>The catalogue of the i18n files embedded in this assembly (what the hosts register as a singleton).</summary>
    public static MessageCatalog FromEmbeddedFiles() => new(EmbeddedStrings());

    /// <summary>Language → key → string of the i18n files embedded in this assembly: the one reader of those files.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> EmbeddedStrings()
    {
        var assembly = typeof(MessageCatalog).Assembly;
        var strings = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            strings[name[ResourcePrefix.Length..^".json".Length]] = Read(stream);
        }
        return strings;
    }

    /// <summary>One i18n file: a flat JSON object of key → string.</summary>
    public static IReadOnlyDictionary<string, string> Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    /// <summary>
    /// The text of <paramref name="code"/> in <paramref name="language"/> ("fr", "ar", "fr-FR" reads as "fr"), with each
    /// <c>{name}</c> of its template replaced by the parameter worded in that language; English when the language or its
    /// key is missing; the code itself when no language has it.
    /// </summary>
    public string Render(string? language, string code, IReadOnlyDictionary<string, object?> parameters)
    {
        var name = LanguageOf(language);
        var key = MessageKeys.Of(code);
        var template = _strings[name].GetValueOrDefault(key) ?? _strings[English].GetValueOrDefault(key) ?? code;
        var text = new StringBuilder(template);
        foreach (var (parameter, value) in parameters)
        {
            text.Replace("{" + parameter + "}", parameter is "type" or "lineType" && value?.ToString() is { } type
                ? TypeNoun(name, type)
                : Word(name, value));
        }
        return text.ToString();
    }

    /// <summary><see cref="Render(string?, string, IReadOnlyDictionary{string, object?})"/> of a message built by a catalogue.</summary>
    public string Render(string? language, UserMessage message) =>
        Render(language, message.Code, message.Params.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));

    /// <summary>A day in the language's words: 1 Dec 2026, 1 déc. 2026, 1 ديسمبر 2026.</summary>
    public string Day(string? language, DateOnly day)
    {
        var months = (_strings[LanguageOf(language)].GetValueOrDefault(MonthsKey) ?? _strings[English].GetValueOrDefault(MonthsKey) ?? "").Split(',');
        var month = months.Length == 12 ? months[day.Month - 1].Trim() : day.ToString("MMM", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{day.Day} {month} {day.Year}");
    }

    /// <summary>A stock event type as a noun in a sentence ("count", "inventaire"), as the web app words it (typeNoun.*).</summary>
    private string TypeNoun(string language, string type) =>
        _strings[language].GetValueOrDefault("typeNoun." + type) ?? _strings[English].GetValueOrDefault("typeNoun." + type) ?? type.Replace('_', ' ');

    /// <summary>The language there are strings for: "fr-FR" as "fr", an unknown one as English.</summary>
    private string LanguageOf(string? language)
    {
        var name = (language ?? English).Split('-')[0];
        return _strings.ContainsKey(name) ? name : English;
    }

    private string Word(string language, object? value)
    {
        switch (value)
        {
            case null:
                return "";
            case DateOnly day:
                return Day(language, day);
            case string s when s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day):
                return Day(language, day);
            case string s:
                return s;
            case JsonElement { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var whole):
                return Number(language, whole);
            case JsonElement e:
                return e.ValueKind == JsonValueKind.String ? Word(language, e.GetString()) : e.ToString();
            case int or long or short:
                return Number(language, Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case IFormattable f:
                return f.ToString(null, CultureInfo.InvariantCulture);
            default:
                return value.ToString() ?? "";
        }
    }

    /// <summary>Western digits in groups of three, with the language's separator (as Intl.NumberFormat with 'latn').</summary>
    private string Number(string language, long value)
    {
        var example = _strings[language].GetValueOrDefault(ThousandsKey) ?? _strings[English].GetValueOrDefault(ThousandsKey) ?? "12,345";
        var separator = example.Length > 5 ? example[2..^3] : ",";
        var digits = Math.Abs(value).ToString(CultureInfo.InvariantCulture);
        if (digits.Length > 3)
        {
            var grouped = new StringBuilder();
            for (var i = 0; i < digits.Length; i++)
            {
                if (i > 0 && (digits.Length - i) % 3 == 0)
                {
                    grouped.Append(separator);
                }
                grouped.Append(digits[i]);
            }
            digits = grouped.ToString();
        }
        return value < 0 ? "-" + digits : digits;
    }

    private const string ResourcePrefix = "MhSupply.i18n.";
}
