using System.Globalization;

namespace MhSupply.Referrals;

/// <summary>
/// Dates as a person at the facility reads them ("3 Dec 2026", "3 Dec 2026 14:30"), in the facilities' calendar
/// (<c>Stock:TimeZone</c>), never ISO instants: referral messages and alert texts are read by clinicians.
/// </summary>
public static class LocalDates
{
    public static string Day(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string DayAndTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A message parameter: the instant as ISO 8601 UTC for the reader, its English words in the facilities' calendar.</summary>
    public static MhSupply.Messages.Shown Shown(DateTimeOffset instant, TimeZoneInfo zone) => new(instant, DayAndTime(instant, zone));

    /// <summary>The parameter form of an instant: ISO 8601 UTC, for the client to write in its own language.</summary>
    public static string Param(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
