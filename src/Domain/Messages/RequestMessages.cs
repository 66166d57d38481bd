using MhSupply.Messages;
namespace MhSupply.Messages;

/// <summary>
/// The messages every endpoint shares: paging, a body that cannot be read, dates out of bounds, text that is not text,
/// identifiers, and the generic 401/403/404 answers. <c>{field}</c> is the request field's name (the web app words it with
/// its <c>field.*</c> keys when it has them). Web keys: <c>error.{code}</c> in en, fr and ar.
/// </summary>
public static class RequestMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["request.invalid"] = "One or more fields are invalid.",
        ["request.body_required"] = "Nothing was sent: send the details as a JSON body.",
        ["request.body_not_json"] = "the body is not valid JSON",
        ["request.body_form_or_json"] = "The message could not be read: send it as a form (application/x-www-form-urlencoded) or a JSON object.",
        ["request.wrong_type"] = "{field} has an invalid value or type",
        // A rule a field's text breaks, completing the sentence after the field's name (TextRules, OffsetDateTimeConverter).
        ["request.field_rule"] = "{field} {rule}",
        ["request.text_nul"] = "{field} must not contain the NUL character (U+0000)",
        ["request.text_half_character"] = "{field} holds half of a character (a lone UTF-16 surrogate)",
        ["request.text_not_utf8"] = "{field} is not valid text: it holds bytes that are not UTF-8 or half of a character",
        ["request.time_without_offset"] = "{field} is a time with its offset from UTC, e.g. {example} or 2026-03-01T06:30:00Z",
        ["request.page_invalid"] = "Page \"{value}\" does not exist: give a whole number from 1 to {max}.",
        ["request.page_size_invalid"] = "A page holds 1 to {max} items, not \"{value}\".",
        ["request.happened_out_of_range"] = "The {field} must be between {from} and now: a step is recorded once it has happened.",
        ["request.appointment_out_of_range"] = "The {field} must be between {from} and {to} (at most {days} days ahead).",
        ["request.day_out_of_range"] = "The {field} must be between {from} and {to}. Check the year.",
        ["request.too_long"] = "The {field} is longer than {max} characters. Shorten it.",
        ["request.required"] = "The {field} is missing: fill it in.",
        ["request.one_of"] = "\"{value}\" is not a valid {field}. Use one of: {allowed}.",
        ["request.id_invalid"] = "\"{value}\" is not a valid {field}: use 1 to 64 letters, digits, '-', '_' or '.'.",
        ["request.facility_unknown"] = "The facility \"{value}\" is not registered. Choose one from the facilities list.",
        ["request.facility_id_invalid"] = "\"{value}\" is not a facility id. Choose the facility from the list.",
        ["request.filters_disagree"] = "Give {field} or {other} (they are the same filter), not two different ones.",
        ["request.state_filter_invalid"] = "\"{value}\" is not a referral state: use one of {allowed}, open or closed.",
        ["request.forbidden"] = "Your role may not do this here.",
        ["request.not_found"] = "Not found, or outside your scope.",
        ["request.facility_not_registered"] = "The facility \"{facility}\" is not registered. Check the link.",
        ["request.facility_out_of_scope"] = "The facility \"{facility}\" is outside your scope.",
        ["request.unavailable"] = "The service is briefly unavailable; try again in {seconds} seconds.",
        ["request.not_readable"] = "The request could not be read ({status}). Check what was sent and try again.",
        ["request.unexpected"] = "An unexpected error occurred. Try again; if it happens again, tell your administrator.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
