namespace MhSupply.Stock;

/// <summary>Facility-local calendar days as instants (docs/domain.md: days are facility local time, UTC by default).</summary>
public static class LocalDays
{
    /// <summary>The local date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime((HasOneOffset(zone) ? instant.ToOffset(zone.BaseUtcOffset) : TimeZoneInfo.ConvertTime(instant, zone)).DateTime);

    /// <summary>
    /// The instant a local day begins. Where clocks jump forward over midnight the day begins at the first local time
    /// that exists; where midnight happens twice, at the first of them, so no moment of the day is left out.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (HasOneOffset(zone))
        {
            // One offset all year (UTC, the default, among them): no day can begin at a skipped or repeated time. The stock
            // figures ask this for every day of several months of every card a report touches.
            return new DateTimeOffset(local, zone.BaseUtcOffset);
        }
        var guard = 0;
        while (zone.IsInvalidTime(local) && guard++ < 24 * 4)
        {
            local = local.AddMinutes(15);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Whether the zone never changed its offset (no DST, no historical change): then the offset is all there is.</summary>
    public static bool HasOneOffset(TimeZoneInfo zone) =>
        OneOffset.GetOrAdd(zone.Id, static (_, z) => !z.SupportsDaylightSavingTime && z.GetAdjustmentRules().Length == 0, zone);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> OneOffset = new(StringComparer.Ordinal);

    /// <summary>The instant a local day ends (exclusive): the start of the next day.</summary>
    public static DateTimeOffset EndOf(DateOnly day, TimeZoneInfo zone) => StartOf(day.AddDays(1), zone);
}
