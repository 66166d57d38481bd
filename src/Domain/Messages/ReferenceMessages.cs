namespace MhSupply.Messages;

/// <summary>
/// The messages of reference data an admin keeps: facilities, the medicines list and its import, and the phones that
/// report stock by SMS. Web keys: <c>error.{code}</c>.
/// </summary>
public static class ReferenceMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reference.level_invalid"] = "\"{value}\" is not a facility level. Use one of: {allowed}.",
        ["reference.levels_invalid"] = "The levels must be among: {allowed}.",
        ["reference.opened_on_range"] = "The opening day {value} must be between {from} and {to}.",
        ["reference.service_invalid"] = "\"{value}\" is not a service code: use 1 to 64 letters, digits, '-', '_' or '.'.",
        ["reference.medicine_not_listed"] = "\"{code}\" is not on the medicines list. Check the code, or add the medicine first.",
        ["reference.medicine_twice"] = "The medicine {code} appears more than once in the import. Keep one line per medicine.",
        ["reference.import_empty"] = "The import holds no medicine. Send at least one line.",
        ["reference.import_shape"] = "The import could not be read: send an array of medicines, or { \"medicines\": [...] }.",
        ["reference.import_not_medicine"] = "The {field} is not a medicine: give its code, name, form, strength, unit and category.",
        ["reference.import_not_utf8"] = "The file is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\".",
        ["reference.import_mode"] = "\"{value}\" is not an import mode: use extend or replace.",
        ["reference.header_unreadable"] = "The first row of the file (the column names) holds characters that cannot be read.",
        ["reference.reporter_name"] = "Give the reporter's name, 1 to {max} characters.",
        ["reference.reporter_language"] = "\"{value}\" is not a language for SMS replies. Use one of: {allowed}.",
        ["reference.phone_invalid"] = "\"{value}\" is not a phone number in international form: write it with + and the country code, for example +254712345678.",
        ["reference.phone_not_registered"] = "The phone {phone} is not registered to report stock.",
        ["reference.reporters_admins_only"] = "Reporter phones are managed by admins.",
        ["reference.sms_token"] = "The SMS gateway's token is missing or wrong (header {header}).",
        ["reference.sms_from_invalid"] = "The sender \"{value}\" is not a phone number in international form (+ and the country code).",
        ["reference.sms_text_too_long"] = "The message is longer than {max} characters.",
        ["reference.reason_not_listed"] = "\"{code}\" is not an adjustment reason. Check the code, or add the reason first.",
        ["reference.reason_name"] = "Give the reason's name, 1 to {max} characters.",
        ["reference.reason_direction"] = "\"{value}\" is not a direction. Use credit (the reason puts stock back on the shelf) or debit (it takes stock off).",
        ["reference.reason_category"] = "\"{value}\" is not a reason category. Use one of: {allowed}.",
        ["reference.reason_active"] = "\"{value}\" is not true or false: say whether the reason is offered on new reports.",
        ["reference.reason_twice"] = "The reason {code} appears more than once in the import. Keep one line per reason.",
        ["reference.reason_import_empty"] = "The import holds no adjustment reason. Send at least one line.",
        ["reference.reason_import_shape"] = "The import could not be read: send an array of reasons, or { \"reasons\": [...] }.",
        ["reference.reason_direction_fixed"] = "{name} ({code}) is a {direction} reason, and a reason's direction never changes: each adjustment keeps the sign it was recorded with. Create a new reason and deactivate this one.",
        ["reference.sms_id_required"] = "Give the gateway's message id (1 to {max} characters), so a resent message counts once.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
