using System.Text.RegularExpressions;

namespace MhSupply.Sms;

/// <summary>Phone numbers as SMS gateways route them: E.164, a + then the country code and number, 8 to 15 digits.</summary>
public static partial class E164
{
    public const string Rule = "a phone number in E.164 form: + then country code and number, e.g. +254712345678";

    public static bool IsValid(string? phone) => phone is not null && Pattern().IsMatch(phone);

    /// <summary>
    /// A sender as gateways write it ("tel:+254 712 345 678", "+254-712...") in E.164, or null. Only separators are removed:
    /// a number without its + is not guessed at (which country would it be?).
    /// </summary>
    public static string? Normalise(string? sender)
    {
        if (sender is null)
        {
            return null;
        }
        var s = sender.Trim();
        if (s.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[4..];
        }
        s = string.Concat(s.Where(c => c is not (' ' or '-' or '.' or '(' or ')')));
        return IsValid(s) ? s : null;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex Pattern();
}
