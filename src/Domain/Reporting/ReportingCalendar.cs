using MhSupply.Stock;

namespace MhSupply.Reporting;

/// <summary>
/// Monthly stock reporting (docs/domain.md, "Reporting"): a report is *for* the period its events occurred in, not the
/// one it was entered in; the report for a month is due by day <see cref="DueDay"/> of the next month, local time. A
/// facility is expected from its first full month since it opened, so one that opens on the 15th first owes next month's.
/// When a report was recorded decides only its timeliness (<see cref="OnTime"/>).
/// </summary>
public sealed class ReportingCalendar
{
    public ReportingCalendar(int dueDay, TimeZoneInfo zone)
    {
        if (dueDay is < 1 or > 28)
        {
            throw new ArgumentOutOfRangeException(nameof(dueDay), "the due day is between 1 and 28");
        }
        DueDay = dueDay;
        Zone = zone;
    }

    public int DueDay { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The period (the first day of its month) an instant falls in, in the facilities' local time.</summary>
    public DateOnly PeriodOf(DateTimeOffset instant)
    {
        var day = LocalDays.DateOf(instant, Zone);
        return new DateOnly(day.Year, day.Month, 1);
    }

    /// <summary>The instant from which a period's report is overdue: the local start of the day after the due day.</summary>
    public DateTimeOffset DeadlineOf(DateOnly period) => LocalDays.StartOf(First(period).AddMonths(1).AddDays(DueDay), Zone);

    /// <summary>The first period a facility opened on <paramref name="openedOn"/> must report for: its first full month.</summary>
    public static DateOnly FirstExpected(DateOnly openedOn) => openedOn.Day == 1 ? openedOn : First(openedOn).AddMonths(1);

    /// <summary>Whether a report first recorded at <paramref name="recordedAt"/> was on time for <paramref name="period"/>.</summary>
    public bool OnTime(DateOnly period, DateTimeOffset recordedAt) => recordedAt < DeadlineOf(period);

    /// <summary>
    /// The periods an active facility is overdue for at <paramref name="now"/> (oldest first), and when that can next
    /// change by time alone: the deadline of the first unreported period still open. An inactive facility owes nothing.
    /// </summary>
    public ReportingStatus Evaluate(DateOnly openedOn, bool active, IReadOnlySet<DateOnly> reported, DateTimeOffset now)
    {
        if (!active)
        {
            return new ReportingStatus([], null);
        }
        var overdue = new List<DateOnly>();
        var period = FirstExpected(openedOn);
        for (; DeadlineOf(period) <= now; period = period.AddMonths(1))
        {
            if (!reported.Contains(period))
            {
                overdue.Add(period);
            }
        }
        while (reported.Contains(period))
        {
            period = period.AddMonths(1);
        }
        return new ReportingStatus(overdue, DeadlineOf(period));
    }

    private static DateOnly First(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>What a facility owes: the periods it is overdue for, and when its reporting is next due to be checked.</summary>
public sealed record ReportingStatus(IReadOnlyList<DateOnly> Overdue, DateTimeOffset? NextCheckAt);
