namespace MhSupply.Referrals;

/// <summary>Durations as the worklist writes them: "4 h", "1 day", "7 days".</summary>
internal static class DurationText
{
    public static string Describe(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerDay == 0 && span >= TimeSpan.FromDays(1))
        {
            var days = (long)span.TotalDays;
            return days == 1 ? "1 day" : $"{days} days";
        }
        if (span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return $"{(long)span.TotalHours} h";
        }
        return $"{(long)Math.Ceiling(span.TotalMinutes)} min";
    }
}
