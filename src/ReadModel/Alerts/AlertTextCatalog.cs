using System.Globalization;
using System.Text.Json;
using MhSupply.Messages;

namespace MhSupply.Alerts;

/// <summary>
/// An alert's words in a subscriber's language, from the web app's own strings (src/Gateway/wwwroot/i18n/{language}.json,
/// embedded in this assembly so every host has them, a silo alone as well as a gateway with a silo in it): the template
/// <c>alertText.{code}</c> filled from the alert's parameters as the inbox fills it (alerts.js alertText), names as the
/// alert wrote them, days as "d MMM yyyy" with the language's month names and Western digits, numbers with its separators.
/// </summary>
/// <remarks>
/// The hosts run with invariant globalization (no ICU), so month names are strings of the files (alertText.month.*) and
/// the separators are the few below. A template that is missing, or that a parameter cannot fill (an alert older than its
/// parameters), renders as null: the caller then sends the English message.
/// </remarks>
public sealed class AlertTextCatalog
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _strings;

    public AlertTextCatalog(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> strings) => _strings = strings;

    /// <summary>The strings embedded in this assembly, read once by the one reader of the i18n files (MessageCatalog).</summary>
    public static AlertTextCatalog Embedded { get; } = new(MessageCatalog.EmbeddedStrings());

    /// <summary>The string of <paramref name="key"/> in the language, else in English, else null.</summary>
    public string? Text(string language, string key) =>
        (_strings.TryGetValue(language, out var own) && own.TryGetValue(key, out var s)) ? s
        : _strings.TryGetValue(AlertLanguages.Default, out var english) && english.TryGetValue(key, out var e) ? e
        : null;

    /// <summary>
    /// The string of <paramref name="key"/> with its {placeholders} filled, right-to-left values isolated as the web app
    /// does (i18n.js isolate); null when the key is missing or a placeholder is left unfilled.
    /// </summary>
    public string? Format(string language, string key, IReadOnlyDictionary<string, string?> values)
    {
        if (Text(language, key) is not { } template)
        {
            return null;
        }
        var rtl = language == "ar";
        var missing = false;
        var text = System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m =>
        {
            if (values.TryGetValue(m.Groups[1].Value, out var v) && v is not null)
            {
                return rtl && v.Length > 0 ? $"\u2068{v}\u2069" : v;
            }
            missing = true;
            return m.Value;
        });
        return missing ? null : text;
    }

    /// <summary>An alert's template in the language, or null (no code, no template, or a parameter it lacks).</summary>
    public string? Render(string language, string? code, JsonElement parameters)
    {
        if (code is null || parameters.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var p = parameters.EnumerateObject().ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        string? S(string name) => p.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;
        decimal? N(string name) => p.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["medicine"] = S("medicineName") ?? S("medicine"),
            ["facility"] = S("facilityName") ?? S("facility"),
            ["lot"] = S("lot"),
            ["patient"] = S("patient"),
            ["expiry"] = Day(language, S("expiry")),
            ["due"] = Day(language, S("due")),
            ["visitDue"] = Day(language, S("visitDue")),
            ["soh"] = Number(language, N("soh"), 0),
            ["mos"] = Number(language, N("mos"), 1),
            ["count"] = Number(language, N("count"), 0),
            ["seq"] = Number(language, N("seq"), 0),
            ["dueDay"] = Number(language, N("dueDay"), 0),
            ["months"] = p.TryGetValue("months", out var months) && months.ValueKind == JsonValueKind.Array
                ? string.Join(", ", months.EnumerateArray().Select(m => Month(language, m.GetString())))
                : null,
            ["urgency"] = S("urgency") is { } urgency ? Text(language, $"alertText.urgency.{urgency}") ?? urgency : null,
            ["from"] = S("fromName") ?? S("from"),
            ["to"] = S("to") is not null ? S("toName") ?? S("to")
                : S("service") is { } service
                    ? Format(language, "alertText.toService", new Dictionary<string, string?>
                    {
                        ["service"] = (Text(language, $"service.{service}") ?? service).ToLowerInvariant(),
                    })
                    : S("toName"),
            ["wait"] = N("waitMinutes") is { } minutes ? Wait(language, (long)minutes) : null,
            // Orders (order_not_approved, shipment_not_received), plans (*_on_plans) and prescribed courses (prescribed_item_*).
            ["supplierName"] = S("supplierName") ?? S("supplier"),
            ["submittedOn"] = Day(language, S("submittedOn")),
            ["shippedOn"] = Day(language, S("shippedOn")),
            ["medicines"] = Number(language, N("medicines"), 0),
            ["units"] = Number(language, N("units"), 0),
            ["people"] = Number(language, N("people"), 0),
            ["nextDue"] = Day(language, S("nextDue")),
            ["needed"] = Number(language, N("needed"), 0),
            ["elsewhereName"] = S("elsewhereName") ?? S("elsewhere"),
            ["elsewhereSoh"] = Number(language, N("elsewhereSoh"), 0),
        };
        return Format(language, $"alertText.{code}", values);
    }

    /// <summary>A wait as its exact unit, as alerts.js waitText words it.</summary>
    private string? Wait(string language, long minutes) => minutes switch
    {
        1440 => Text(language, "alertText.wait.day"),
        >= 1440 when minutes % 1440 == 0 => Format(language, "alertText.wait.days", One("n", Number(language, minutes / 1440, 0))),
        60 => Text(language, "alertText.wait.hour"),
        _ when minutes % 60 == 0 => Format(language, "alertText.wait.hours", One("n", Number(language, minutes / 60, 0))),
        _ => Format(language, "alertText.wait.minutes", One("n", Number(language, minutes, 0))),
    };

    /// <summary>An ISO day (or instant) as "3 déc. 2026": the language's short month name, Western digits.</summary>
    public string? Day(string language, string? iso)
    {
        if (iso is null || !DateOnly.TryParse(iso.Length >= 10 ? iso[..10] : iso, CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }
        // The short month names are the server messages' (MessageCatalog.MonthsKey): one list per language.
        var months = Text(language, MessageCatalog.MonthsKey)?.Split(',');
        return months is { Length: 12 } ? $"{day.Day} {months[day.Month - 1].Trim()} {day.Year}" : null;
    }

    /// <summary>An instant as its local day and time ("3 déc. 2026 14:30") in <paramref name="zone"/>.</summary>
    public string? DayAndTime(string language, DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return Day(language, local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) is { } day
            ? $"{day} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}"
            : null;
    }

    private string? Month(string language, string? isoMonth)
    {
        if (isoMonth is not { Length: 7 } || !int.TryParse(isoMonth[5..], CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
        {
            return isoMonth;
        }
        return Text(language, $"alertText.month.{m}") is { } name ? $"{name} {isoMonth[..4]}" : isoMonth;
    }

    /// <summary>Western digits with the language's separators (French groups with a narrow no-break space, as Intl does).</summary>
    public static string? Number(string language, decimal? value, int decimals)
    {
        if (value is not { } v)
        {
            return null;
        }
        var format = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        if (language == "fr")
        {
            (format.NumberGroupSeparator, format.NumberDecimalSeparator) = ("\u202F", ",");
        }
        // Halves away from zero, as Intl.NumberFormat rounds in the web app.
        return Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString(decimals > 0 ? "#,0." + new string('#', decimals) : "#,0", format);
    }

    private static Dictionary<string, string?> One(string name, string? value) => new(StringComparer.Ordinal) { [name] = value };
}
