namespace MhSupply.Alerts;

/// <summary>
/// Monthly reporting (domain reference, "Reporting"): each facility reports at least once per month, due by day
/// <c>dueDay</c> (default 10) of the next month. A report made in month M covers M; the report for M+1 is then
/// due by the end of day <c>dueDay</c> of M+2.
/// </summary>
public static class ReportingDeadline
{
    /// <summary>The instant after which a facility whose last report was on <paramref name="lastReport"/> is overdue.</summary>
    public static DateTimeOffset After(DateOnly lastReport, int dueDay, TimeZoneInfo zone)
    {
        if (dueDay is < 1 or > 28)
        {
            throw new ArgumentOutOfRangeException(nameof(dueDay), "the due day is between 1 and 28");
        }
        var firstOfMonthAfterNext = new DateOnly(lastReport.Year, lastReport.Month, 1).AddMonths(2);
        var dayAfterDue = firstOfMonthAfterNext.AddDays(dueDay);
        var local = dayAfterDue.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
