using System.Globalization;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// A FHIR date or dateTime search value as the range it stands for (FHIR search, "date": a value means the whole span
/// of its precision: 2026-12 is all of December). Without a zone it is read in UTC (the server's time for searches).
/// </summary>
public static class FhirDates
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    /// <summary>The span [start, end) the value names; null when it is no FHIR date or dateTime.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? Range(string value)
    {
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var c = CultureInfo.InvariantCulture;
        switch (value.Length)
        {
            case 4 when DateTimeOffset.TryParseExact(value, "yyyy", c, utc, out var year):
                return (year, year.AddYears(1));
            case 7 when DateTimeOffset.TryParseExact(value, "yyyy-MM", c, utc, out var month):
                return (month, month.AddMonths(1));
            case 10 when DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", c, utc, out var day):
                return (day, day.AddDays(1));
        }
        if (!DateTimeOffset.TryParseExact(value, TimeFormats, c, utc, out var at))
        {
            return null;
        }
        // The precision given: to the minute, the second, or a fraction (then to the tick given).
        var time = value[11..];
        var zoneAt = time.IndexOfAny(['Z', '+', '-']);
        var clock = zoneAt < 0 ? time : time[..zoneAt];
        var span = clock.Length switch
        {
            5 => TimeSpan.FromMinutes(1),
            8 => TimeSpan.FromSeconds(1),
            _ => TimeSpan.FromTicks((long)Math.Pow(10, 7 - Math.Min(7, clock.Length - 9))),
        };
        return (at, at + span);
    }
}
