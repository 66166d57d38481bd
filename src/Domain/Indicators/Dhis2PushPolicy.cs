using MhSupply.Reporting;
using MhSupply.Stock;

namespace MhSupply.Indicators;

/// <summary>What a run of the push does with a period.</summary>
public enum Dhis2PushStep
{
    /// <summary>Open a new push and send it.</summary>
    Send,

    /// <summary>Send the push that waits for its retry (a run on demand does not wait for the back-off).</summary>
    Resume,

    /// <summary>The pending push's back-off has not passed: a later run sends it.</summary>
    WaitsForRetry,

    /// <summary>DHIS2 took the period (SUCCESS or WARNING): it is not sent again unless forced.</summary>
    AlreadyPushed,

    /// <summary>DHIS2 refused the period, or its push was given up: the schedule does not repeat it, an admin may.</summary>
    WaitsForAdmin,

    /// <summary>The period's reports are not all due yet: the scheduled push waits for the due day to pass.</summary>
    NotDue,
}

/// <summary>What the ledger knows of a period's pushes: the one pending (if any), the last DHIS2 took, and the last of all.</summary>
public sealed record Dhis2PushHistory(long? PendingId, DateTimeOffset? PendingRetryAt, long? AcceptedId, long? LastId)
{
    public static Dhis2PushHistory None { get; } = new(null, null, null, null);

    public bool Accepted => AcceptedId is not null;

    public bool Tried => LastId is not null;
}

/// <summary>
/// The rules of pushing data value sets to DHIS2 (docs/domain.md, "Indicators", export): which period, when, whether to send
/// it, and how long a failed delivery waits before the next attempt.
/// </summary>
public static class Dhis2PushPolicy
{
    /// <summary>The last month that has ended in the facilities' calendar: the one a run without a period pushes.</summary>
    public static IndicatorPeriod LastCompleteMonth(DateTimeOffset now, TimeZoneInfo zone) =>
        IndicatorPeriod.Month(LocalDays.DateOf(now, zone)).Previous();

    /// <summary>Whether the period has ended (a push of a period still running would send half-month figures as final).</summary>
    public static bool HasEnded(IndicatorPeriod period, DateTimeOffset now, TimeZoneInfo zone) => LocalDays.DateOf(now, zone) >= period.EndExclusive;

    /// <summary>When the scheduled push of a period may go: once the reports of its last month are due (the day after the due day).</summary>
    public static DateTimeOffset DueAt(IndicatorPeriod period, ReportingCalendar calendar) => calendar.DeadlineOf(period.LastMonth);

    public static Dhis2PushStep Decide(Dhis2PushHistory history, bool onDemand, bool force, DateTimeOffset now, DateTimeOffset dueAt)
    {
        if (history.PendingId is not null)
        {
            return onDemand || history.PendingRetryAt is null || history.PendingRetryAt <= now ? Dhis2PushStep.Resume : Dhis2PushStep.WaitsForRetry;
        }
        if (!onDemand && now < dueAt)
        {
            return Dhis2PushStep.NotDue;
        }
        if (onDemand && force)
        {
            return Dhis2PushStep.Send;
        }
        if (history.Accepted)
        {
            return Dhis2PushStep.AlreadyPushed;
        }
        return history.Tried && !onDemand ? Dhis2PushStep.WaitsForAdmin : Dhis2PushStep.Send;
    }

    /// <summary>Exponential back-off after a failed delivery: <paramref name="first"/>, doubling, capped at <paramref name="max"/>.</summary>
    public static TimeSpan RetryAfter(int failedAttempts, TimeSpan first, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, max.Ticks));
    }
}
