namespace MhSupply.Sms;

/// <summary>
/// The words of an alert sent by SMS: one plain English message that fits one SMS (160 characters of the GSM alphabet;
/// longer splits into parts the phone may show out of order or not at all on cheap handsets), so the alert's message is
/// trimmed at a word with "..." rather than cut mid-word.
/// </summary>
public static class SmsText
{
    public const int MaxLength = 160;

    public static string ForAlertChange(string change, string message)
    {
        var prefix = change switch
        {
            "raised" => "MhSupply alert: ",
            "resolved" => "MhSupply resolved: ",
            "escalated" => "MhSupply escalated: ",
            "acknowledged" => "MhSupply acknowledged: ",
            _ => $"MhSupply {change}: ",
        };
        return Fit(prefix + Plain(message));
    }

    /// <summary>The text within <see cref="MaxLength"/>: whole words, then "..." when something was left out.</summary>
    public static string Fit(string text, int max = MaxLength)
    {
        text = Plain(text);
        if (text.Length <= max)
        {
            return text;
        }
        var room = max - 3;
        var cut = text.LastIndexOf(' ', room);
        // A single word longer than a quarter of the message is cut inside it: better than losing most of the room.
        var end = cut >= room * 3 / 4 ? cut : room;
        return text[..end].TrimEnd(' ', ',', ';', ':', '.') + "...";
    }

    /// <summary>One line: an SMS has no layout, and line breaks cost characters.</summary>
    private static string Plain(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
