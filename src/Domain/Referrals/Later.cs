namespace MhSupply.Referrals;

/// <summary>
/// Deadline arithmetic that cannot overflow. An instant the gateway did not bound (a grain called directly, a stored
/// appointment of year 9999) plus a wait past the calendar's end is "never" (the last representable instant), not an
/// exception that leaves the referral unable to take any step. Waits are positive (ReferralDeadlineOptions.Validate).
/// </summary>
public static class Later
{
    public static DateTimeOffset Than(DateTimeOffset at, TimeSpan wait)
    {
        // Both the UTC instant and the offset's local clock must stay within DateTime's range.
        var latestClock = at.UtcDateTime > at.DateTime ? at.UtcDateTime : at.DateTime;
        return wait > TimeSpan.Zero && wait >= DateTime.MaxValue - latestClock ? DateTimeOffset.MaxValue : at + wait;
    }
}
