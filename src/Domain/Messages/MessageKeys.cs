namespace MhSupply.Messages;

/// <summary>
/// Where a message code's words live in the i18n files (src/Gateway/wwwroot/i18n/{lang}.json): an SMS reply's code
/// (<c>sms.*</c>) is its own key, every other code is <c>error.{code}</c>. The web app (api.js) follows the same rule.
/// </summary>
public static class MessageKeys
{
    public const string SmsPrefix = "sms.";

    public static string Of(string code) => code.StartsWith(SmsPrefix, StringComparison.Ordinal) ? code : "error." + code;
}
