using System.Globalization;
using System.Text.Json;
using MhSupply.Common;
using MhSupply.Gateway.Validation;
using MhSupply.Stock;

namespace MhSupply.Gateway.Stock;

/// <summary>
/// Reads submitted events one at a time, from JSON or CSV, so a malformed line is rejected on its own (naming its
/// field) and never takes the good lines of its batch down with it.
/// </summary>
public static class StockEventParser
{
    public const int MaxEvents = 1000;

    public static IReadOnlyList<string> Fields { get; } =
        ["id", "medicine", "type", "quantity", "occurredAt", "reason", "lot", "expiry", "otherFacility", "note"];

    /// <summary>
    /// Either an input ready for the grain, or the rejection of that line. <see cref="Line"/> is the CSV line the row starts
    /// on (null for JSON); <see cref="MedicineName"/> the list's name of the medicine when it was found.
    /// </summary>
    public sealed record Parsed(StockEventInput? Input, StockEventResult? Rejection, int? Line = null, string? MedicineName = null);

    /// <summary>
    /// What a batch's lines are checked against: the expiry dates a lot may carry (InputBounds, as of today); the zone whose
    /// local day a bare date means (Stock:TimeZone); the medicines list, to take a name as well as a code (CSV); and whether
    /// a line may leave its id out, for the caller to derive one (CSV).
    /// </summary>
    public sealed record Rules(DateOnly ExpiryFrom, DateOnly ExpiryTo, TimeZoneInfo? Zone = null, MedicineNames? Medicines = null,
        bool IdOptional = false)
    {
        public TimeZoneInfo Days => Zone ?? TimeZoneInfo.Utc;
    }

    /// <summary>One submitted field: its text, or why it cannot be taken (bad text, the wrong JSON type), as a message code.</summary>
    private readonly record struct Field(string? Text, string? Problem = null);

    public static Parsed FromJson(JsonElement element, Rules rules)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Reject(null, "event", StockMessages.Of("body_shape"));
        }
        // One pass over the properties (the first of a name wins, case-insensitively), not one per field looked up.
        var fields = new Dictionary<string, Field>(12, StringComparer.OrdinalIgnoreCase);
        var unreadableName = false;
        foreach (var property in element.EnumerateObject())
        {
            if (!TextRules.TryReadName(property, out var name))
            {
                unreadableName = true;
                continue;
            }
            fields.TryAdd(name, FromJsonValue(name, property.Value));
        }
        var parsed = Parse(name => fields.GetValueOrDefault(name), rules);
        return unreadableName && parsed.Input is { } input
            ? Reject(input.Id, "event", StockMessages.Of("text_unreadable", ("field", "field name")))
            : parsed;
    }

    /// <summary>A CSV row's cells; the text rule applies to each (the body itself was strictly decoded as UTF-8).</summary>
    public static Parsed FromCells(Func<string, string?> cell, Rules rules) =>
        Parse(name => cell(name) is { } text ? new Field(text, TextRules.Problem(text) is null ? null : "text_unreadable") : default, rules);

    private static Field FromJsonValue(string name, JsonElement value) => value.ValueKind switch
    {
        // A quantity in quotes is text, not a number: whatever produced it may have produced "5 boxes" elsewhere.
        JsonValueKind.String when name.Equals("quantity", StringComparison.OrdinalIgnoreCase) => new Field(null, "quantity_quoted"),
        JsonValueKind.String => TextRules.TryRead(value, out var text, out _) ? new Field(text) : new Field(null, "text_unreadable"),
        JsonValueKind.Number => new Field(value.GetRawText()),
        JsonValueKind.Null or JsonValueKind.Undefined => default,
        _ => new Field(null, "wrong_type"),
    };

    private static Parsed Parse(Func<string, Field> get, Rules rules)
    {
        var idText = get("id").Text;
        var id = Guid.TryParse(idText, out var parsedId) ? parsedId : (Guid?)null;
        foreach (var name in Fields)
        {
            if (get(name).Problem is { } problem)
            {
                return Reject(id, name, problem == "quantity_quoted" ? StockMessages.Of(problem) : StockMessages.Of(problem, ("field", name)));
            }
        }
        if (id is null && !string.IsNullOrWhiteSpace(idText))
        {
            return Reject(null, "id", StockMessages.Of("id_invalid", ("value", idText)));
        }
        if (id is null && !rules.IdOptional)
        {
            return Reject(null, "id", StockMessages.Of("id_required"));
        }
        var medicineText = get("medicine").Text;
        if (string.IsNullOrWhiteSpace(medicineText))
        {
            return Reject(id, "medicine", StockMessages.Of("medicine_required"));
        }
        var medicine = medicineText.Trim();
        string? medicineName = null;
        if (rules.Medicines is { } names)
        {
            var found = names.Resolve(medicine);
            if (found.Problem is { } notFound)
            {
                return Reject(id, "medicine", notFound);
            }
            (medicine, medicineName) = (found.Code!, found.Name);
        }
        var type = get("type").Text;
        if (string.IsNullOrWhiteSpace(type))
        {
            return Reject(id, "type", StockMessages.Of("type_required", ("allowed", string.Join(", ", WireNames<StockEventType>.All))));
        }
        var quantityText = get("quantity").Text;
        if (!int.TryParse(quantityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
        {
            return Reject(id, "quantity", string.IsNullOrWhiteSpace(quantityText)
                ? StockMessages.Of("quantity_required")
                : StockMessages.Of("quantity_not_number", ("value", quantityText)));
        }
        var occurredText = get("occurredAt").Text;
        if (string.IsNullOrWhiteSpace(occurredText))
        {
            return Reject(id, "occurredAt", StockMessages.Of("occurred_required"));
        }
        if (!TryParseInstant(occurredText, rules.Days, out var occurredAt))
        {
            return Reject(id, "occurredAt", StockMessages.Of("occurred_invalid", ("value", occurredText)));
        }
        DateOnly? expiry = null;
        var expiryText = get("expiry").Text;
        if (!string.IsNullOrWhiteSpace(expiryText))
        {
            if (!TryParseDay(expiryText.Trim(), out var e))
            {
                return Reject(id, "expiry", StockMessages.Of("expiry_invalid", ("value", expiryText)));
            }
            if (e < rules.ExpiryFrom || e > rules.ExpiryTo)
            {
                return Reject(id, "expiry", StockMessages.Of("expiry_out_of_range", ("expiry", e), ("from", rules.ExpiryFrom), ("to", rules.ExpiryTo)));
            }
            expiry = e;
        }
        foreach (var field in new[] { "reason", "lot", "otherFacility", "note" })
        {
            if (get(field).Text is { Length: > 500 })
            {
                return Reject(id, field, StockMessages.Of("text_too_long", ("field", field), ("max", 500)));
            }
        }
        return new Parsed(new StockEventInput(id ?? Guid.Empty, medicine, type.Trim(), quantity, occurredAt, get("reason").Text,
            get("lot").Text, expiry, get("otherFacility").Text, get("note").Text), null, MedicineName: medicineName);
    }

    /// <summary>
    /// A time with an explicit offset (<see cref="Instants"/>), or a date alone meaning the start of that local day in the
    /// facilities' zone: ISO (2026-12-31) or day first (31/12/2026, 31-12-2026, 31.12.2026), as spreadsheets in most of the
    /// world write it. Never month first: 03/04 is 3 April, and a file of American dates is refused from the 13th on.
    /// </summary>
    public static bool TryParseInstant(string? text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        if (TryParseDay(text, out var date))
        {
            value = LocalDays.StartOf(date, zone);
            return true;
        }
        return Instants.HasExplicitOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static readonly string[] DayFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];

    /// <summary>A day, ISO or day first (see <see cref="TryParseInstant"/>).</summary>
    public static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static Parsed Reject(Guid? id, string field, StockMessage message) =>
        new(null, new StockEventResult(id ?? Guid.Empty, StockEventResult.Rejected, StockEventError.Of(StockEventError.Invalid, message, field)));
}
