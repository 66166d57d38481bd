namespace MhSupply.Referrals;

/// <summary>
/// How far a step's dates may stray before they are refused as impossible (configuration section <c>Referrals</c>).
/// </summary>
public sealed class ReferralDateOptions
{
    /// <summary>
    /// <c>Referrals:BookingPastToleranceHours</c> (24): an appointment booked up to this long before the booking itself
    /// is accepted (a visit that took place this morning, entered in the afternoon); earlier is a mistake.
    /// </summary>
    public double BookingPastToleranceHours { get; set; } = 24;

    /// <summary>
    /// <c>Referrals:FollowUpEarlyDays</c> (7): a follow-up visit may be recorded attended up to this many days before it is
    /// due (the person came early); earlier than that it is another visit, not this one.
    /// </summary>
    public double FollowUpEarlyDays { get; set; } = 7;

    public TimeSpan BookingPastTolerance => TimeSpan.FromHours(BookingPastToleranceHours);

    public TimeSpan FollowUpEarly => TimeSpan.FromDays(FollowUpEarlyDays);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(BookingPastToleranceHours is >= 0 and <= 24 * 31))
        {
            problems.Add("Referrals:BookingPastToleranceHours must be 0 to 744 (31 days).");
        }
        if (!(FollowUpEarlyDays is >= 0 and <= 366))
        {
            problems.Add("Referrals:FollowUpEarlyDays must be 0 to 366.");
        }
        return problems;
    }
}
