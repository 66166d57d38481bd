namespace MhSupply.Messages;

/// <summary>
/// The replies to a stock report by SMS (<c>SOH ...</c>), in the plain words a pharmacist reads on a basic phone: the
/// confirmation and each reason a message cannot be recorded. Their codes are their own i18n keys (<c>sms.*</c>, see
/// <see cref="MessageKeys"/>): the server reads the reporter's language from those files (MessageCatalog).
/// </summary>
public static class SmsMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sms.not_registered"] = "This phone is not registered to report stock. Ask your district manager to register it.",
        ["sms.start_with_soh"] = "Start with SOH. Send SOH CODE COUNT, e.g. SOH FLX20 120 HAL5 40 (date optional: SOH 01/12 FLX20 120)",
        ["sms.date_invalid"] = "Date {value} is not a day. Write it day/month, e.g. 01/12.",
        ["sms.date_future"] = "Date {value} is in the future. Send the day of the count.",
        ["sms.count_missing"] = "No count after {code}. Send SOH CODE COUNT, e.g. SOH FLX20 120",
        ["sms.count_invalid"] = "Count for {code} is not a whole number: {value}.",
        ["sms.code_twice"] = "{code} is counted twice. Send each code once.",
        ["sms.no_counts"] = "No counts. Send SOH CODE COUNT, e.g. SOH FLX20 120 HAL5 40",
        ["sms.unknown_code"] = "Unknown code {code}. Codes: {codes}",
        ["sms.saved"] = "{facility}: counts saved - {counts}",
        ["sms.not_saved"] = "{facility}: not saved {refused}.",
        ["sms.not_saved_some_saved"] = "{facility}: not saved {refused}. Saved: {counts}",
        ["sms.refused_line"] = "{code}: {why}",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
