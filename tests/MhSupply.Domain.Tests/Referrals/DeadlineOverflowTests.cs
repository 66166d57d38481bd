using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

/// <summary>Deadlines near the end of the calendar: "never", not an exception that blocks every later step.</summary>
public sealed class DeadlineOverflowTests
{
    private static readonly DateTimeOffset LastDay = new(9999, 12, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastDayEast = new(9999, 12, 31, 12, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public void An_appointment_on_the_calendars_last_day_has_its_missed_deadline_at_the_last_instant()
    {
        var deadline = ReferralDeadlines.Next(ReferralStatus.Booked, Urgency.Routine, LastDay.AddDays(-10), LastDay, ReferralDeadlineOptions.Default);

        Assert.Equal(DateTimeOffset.MaxValue, deadline!.DueAt);
    }

    [Fact]
    public void A_step_near_the_calendars_end_in_a_zone_east_of_utc_does_not_overflow_its_local_clock()
    {
        var deadline = ReferralDeadlines.Next(ReferralStatus.InProgress, Urgency.Routine, LastDayEast, null, ReferralDeadlineOptions.Default);

        Assert.Equal(DateTimeOffset.MaxValue, deadline!.DueAt);
    }

    [Fact]
    public void Follow_ups_acknowledged_near_the_calendars_end_are_due_never_rather_than_failing()
    {
        var dates = FollowUpSchedule.DueDates(LastDay, everyDays: 30, courseDays: 90);
        var deadline = FollowUpRules.Next(FollowUpStatus.Scheduled, LastDay, null, ReferralDeadlineOptions.Default);

        Assert.All(dates, d => Assert.Equal(DateTimeOffset.MaxValue, d));
        Assert.Equal(DateTimeOffset.MaxValue, deadline!.DueAt);
    }

    [Fact]
    public void An_ordinary_wait_is_plain_addition_keeping_the_offset()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(3));

        Assert.Equal(at.AddDays(1), Later.Than(at, TimeSpan.FromDays(1)));
        Assert.Equal(TimeSpan.FromHours(3), Later.Than(at, TimeSpan.FromDays(1)).Offset);
    }
}
