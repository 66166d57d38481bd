namespace MhSupply.Referrals;

/// <summary>
/// The follow-up visits a back-referral asks for, created when the receiving PHC acknowledges it (docs/domain.md,
/// "Back-referral": "follow-up interval"; docs/api.md <c>followUpEveryDays</c>).
/// </summary>
public static class FollowUpSchedule
{
    /// <summary>
    /// Due dates every <paramref name="everyDays"/> days from acknowledgement: through <paramref name="courseDays"/>
    /// after it when the course has an end, and never more than <paramref name="maxVisits"/>. A course shorter than the
    /// interval still gets its first visit: the follow-up is how the loop closes, and a schedule with no visit would
    /// drop the patient silently.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> DueDates(DateTimeOffset acknowledgedAt, int everyDays, int? courseDays, int maxVisits = 12)
    {
        // A visit at least daily and at least yearly: outside that the interval is a data-entry error.
        ArgumentOutOfRangeException.ThrowIfLessThan(everyDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(everyDays, 365);
        if (courseDays is { } course)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(course, 1, nameof(courseDays));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVisits, 1);

        var end = courseDays is { } days ? Later.Than(acknowledgedAt, TimeSpan.FromDays(days)) : (DateTimeOffset?)null;
        var dates = new List<DateTimeOffset>();
        for (var visit = 1; visit <= maxVisits; visit++)
        {
            var due = Later.Than(acknowledgedAt, TimeSpan.FromDays((double)everyDays * visit));
            if (visit > 1 && due > end)
            {
                break;
            }
            dates.Add(due);
        }
        return dates;
    }
}
