namespace MhSupply.Sms;

/// <summary>The fixed replies, in the plain words a pharmacist reads on a basic phone.</summary>
public static class SmsReplies
{
    public const string NotRegistered = "This phone is not registered to report stock. Ask your district manager to register it.";

    public static string UnknownCode(string code, IEnumerable<string> codes) => SmsText.Fit($"Unknown code {code}. Codes: {string.Join(", ", codes)}");
}
