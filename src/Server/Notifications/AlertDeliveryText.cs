using System.Text.Json;
using MhSupply.Alerts;
using MhSupply.Sms;

namespace MhSupply.Notifications;

/// <summary>
/// What an e-mail or SMS of one alert change says, in the subscriber's language: the alert's template filled from its
/// parameters (<see cref="AlertTextCatalog"/>, the web app's strings), the kind, change and status in that language's
/// words, times in the facilities' calendar. Each part falls back to the English the payload carries when the strings
/// cannot word it (an alert older than its template), so a delivery always says something true.
/// </summary>
public sealed class AlertDeliveryText(AlertTextCatalog texts, string language, JsonElement payload, TimeZoneInfo zone)
{
    private readonly string _language = AlertLanguages.IsValid(language) ? language : AlertLanguages.Default;

    private JsonElement Alert => payload.GetProperty("alert");

    private string Change => payload.GetProperty("change").GetString() ?? "";

    private string? AlertString(string name) =>
        Alert.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private JsonElement Params => Alert.TryGetProperty("messageParams", out var p) ? p : default;

    /// <summary>The alert's own words: its template in the language, else its English message.</summary>
    public string Message =>
        texts.Render(_language, AlertString("messageCode"), Params) ?? AlertString("message") ?? "";

    public string Subject
    {
        get
        {
            var kind = AlertString("kind") ?? "";
            var facility = FacilityName();
            var values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["kind"] = texts.Text(_language, $"alertKind.{kind}") ?? kind,
                ["change"] = texts.Text(_language, $"alertText.change.{Change}") ?? Change,
                ["facility"] = facility,
            };
            return texts.Format(_language, facility is null ? "alertText.mail.subjectNoFacility" : "alertText.mail.subject", values)
                ?? $"[MhSupply] {kind} {Change}" + (facility is null ? "" : $" at {facility}");
        }
    }

    public string Body
    {
        get
        {
            var at = payload.GetProperty("at").GetDateTimeOffset();
            var by = payload.GetProperty("by").GetString();
            var status = AlertString("status") ?? "";
            var change = texts.Format(_language, "alertText.mail.changeLine", new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["change"] = texts.Text(_language, $"alertText.change.{Change}") ?? Change, ["by"] = by, ["at"] = texts.DayAndTime(_language, at, zone),
            }) ?? $"Change: {Change} by {by} at {payload.GetProperty("at")}";
            var alert = texts.Format(_language, "alertText.mail.alertLine", new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["id"] = AlertString("id"), ["status"] = texts.Text(_language, $"alertStatus.{status}") ?? status,
            }) ?? $"Alert: {AlertString("id")} ({status})";
            return $"{Message}\n\n{change}\n{alert}\n";
        }
    }

    /// <summary>One SMS: the change and the alert's words, whole words within <see cref="SmsText.MaxLength"/>.</summary>
    public string Sms =>
        texts.Format(_language, $"alertText.sms.{Change}", new Dictionary<string, string?>(StringComparer.Ordinal) { ["text"] = Message }) is { } text
            ? SmsText.Fit(text)
            : SmsText.ForAlertChange(Change, Message);

    public string Language => _language;

    /// <summary>The alert's facility by the name its parameters give it (as facility, sender or receiver), else its id.</summary>
    private string? FacilityName()
    {
        if (AlertString("facility") is not { } facility)
        {
            return null;
        }
        if (Params.ValueKind == JsonValueKind.Object)
        {
            foreach (var (code, name) in new[] { ("facility", "facilityName"), ("to", "toName"), ("from", "fromName") })
            {
                if (Params.TryGetProperty(code, out var c) && c.ValueKind == JsonValueKind.String && c.GetString() == facility
                    && Params.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.String)
                {
                    return n.GetString();
                }
            }
        }
        return facility;
    }
}
