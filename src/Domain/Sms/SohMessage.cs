using System.Globalization;
using System.Text.RegularExpressions;
using MhSupply.Messages;

namespace MhSupply.Sms;

/// <summary>
/// A stock report typed on any phone: <c>SOH [dd/mm[/yyyy]] CODE COUNT [CODE COUNT ...]</c>, e.g. <c>SOH FLX20 120 HAL5 40</c>
/// or <c>SOH 01/12 FLX20 120</c>. Each count is a physical count (stock on hand := the number). Case and extra spaces,
/// commas or colons between the parts do not matter (phones and people add them). Day first, as written where the app is
/// used; a date without a year is the latest such day not after today. One rule, one place: the inbound handler asks this.
/// </summary>
public static partial class SohMessage
{
    public const string Keyword = "SOH";

    public const string Syntax = "SOH CODE COUNT, e.g. SOH FLX20 120 HAL5 40 (date optional: SOH 01/12 FLX20 120)";

    public sealed record Line(string Code, int Count);

    /// <summary>What the message says, or the plain reason it cannot be read (<see cref="Error"/> non-null, from <see cref="SmsMessages"/>).</summary>
    public sealed record Parsed(DateOnly? Date, IReadOnlyList<Line> Lines, UserMessage? Error);

    public static Parsed Parse(string? text, DateOnly today)
    {
        var words = Separators().Split((text ?? "").Trim().ToUpperInvariant()).Where(w => w.Length > 0).ToList();
        if (words.Count == 0 || words[0] != Keyword)
        {
            return Fail(SmsMessages.Of("sms.start_with_soh"));
        }
        var at = 1;
        DateOnly? date = null;
        if (at < words.Count && words[at].Contains('/'))
        {
            date = ReadDate(words[at], today);
            if (date is null)
            {
                return Fail(SmsMessages.Of("sms.date_invalid", ("value", words[at])));
            }
            if (date > today)
            {
                return Fail(SmsMessages.Of("sms.date_future", ("value", words[at])));
            }
            at++;
        }
        var lines = new List<Line>();
        for (; at < words.Count; at += 2)
        {
            var code = words[at];
            if (at + 1 >= words.Count)
            {
                return Fail(SmsMessages.Of("sms.count_missing", ("code", code)));
            }
            if (!int.TryParse(words[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 10_000_000)
            {
                return Fail(SmsMessages.Of("sms.count_invalid", ("code", code), ("value", words[at + 1])));
            }
            if (lines.Any(l => l.Code == code))
            {
                return Fail(SmsMessages.Of("sms.code_twice", ("code", code)));
            }
            lines.Add(new Line(code, count));
        }
        return lines.Count == 0 ? Fail(SmsMessages.Of("sms.no_counts")) : new Parsed(date, lines, null);
    }

    private static Parsed Fail(UserMessage error) => new(null, [], error);

    private static DateOnly? ReadDate(string word, DateOnly today)
    {
        var parts = word.Split('/');
        if (parts.Length is < 2 or > 3 || !int.TryParse(parts[0], out var day) || !int.TryParse(parts[1], out var month) || month is < 1 or > 12)
        {
            return null;
        }
        int year;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], out year))
            {
                return null;
            }
            year = year < 100 ? 2000 + year : year;
        }
        else
        {
            year = month > today.Month || (month == today.Month && day > today.Day) ? today.Year - 1 : today.Year;
        }
        return year is >= 2000 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    [GeneratedRegex(@"[\s,;:]+")]
    private static partial Regex Separators();
}
