using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class FollowUpDeadlineTests
{
    private static readonly DateTimeOffset Due = new(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(3));
    private static readonly DateTimeOffset MissedAt = new(2026, 6, 4, 11, 0, 0, TimeSpan.FromHours(3));
    private static readonly ReferralDeadlineOptions Defaults = new();

    [Fact]
    public void A_scheduled_visit_not_attended_within_3_days_of_its_due_date_is_missed()
    {
        var deadline = FollowUpRules.Next(FollowUpStatus.Scheduled, Due, null, Defaults)!;

        Assert.Equal("follow_up_missed", deadline.AlertKind);
        Assert.Equal(Due.AddDays(3), deadline.DueAt);
        Assert.False(deadline.Escalation);
        Assert.Equal("not attended within 3 days after it was due", deadline.Reason);
    }

    [Fact]
    public void A_scheduled_visit_is_not_missed_a_tick_before_the_grace_ends_and_is_at_its_end()
    {
        var deadline = FollowUpRules.Next(FollowUpStatus.Scheduled, Due, null, Defaults)!;

        Assert.False(deadline.IsDue(Due.AddDays(3).AddTicks(-1)));
        Assert.True(deadline.IsDue(Due.AddDays(3)));
    }

    [Fact]
    public void Tracing_without_contact_for_14_days_after_the_missed_visit_escalates()
    {
        var deadline = FollowUpRules.Next(FollowUpStatus.Missed, Due, MissedAt, Defaults)!;

        Assert.Equal("follow_up_missed", deadline.AlertKind);
        Assert.Equal(MissedAt.AddDays(14), deadline.DueAt);
        Assert.True(deadline.Escalation);
        Assert.Equal("missed, and tracing found no contact within 14 days", deadline.Reason);
        Assert.False(deadline.IsDue(MissedAt.AddDays(14).AddTicks(-1)));
        Assert.True(deadline.IsDue(MissedAt.AddDays(14)));
    }

    [Fact]
    public void A_missed_visit_without_the_time_it_was_missed_is_a_caller_error() =>
        Assert.Throws<ArgumentException>(() => FollowUpRules.Next(FollowUpStatus.Missed, Due, null, Defaults));

    [Theory]
    [InlineData(FollowUpStatus.Attended)]
    [InlineData(FollowUpStatus.Traced)]
    public void Attended_and_traced_visits_have_no_deadline(FollowUpStatus status) =>
        Assert.Null(FollowUpRules.Next(status, Due, MissedAt, Defaults));

    [Fact]
    public void Configured_grace_and_tracing_periods_replace_the_defaults()
    {
        var options = new ReferralDeadlineOptions { FollowUpGrace = TimeSpan.FromDays(5), TracingEscalation = TimeSpan.FromDays(21) };

        Assert.Equal(Due.AddDays(5), FollowUpRules.Next(FollowUpStatus.Scheduled, Due, null, options)!.DueAt);
        var escalation = FollowUpRules.Next(FollowUpStatus.Missed, Due, MissedAt, options)!;
        Assert.Equal(MissedAt.AddDays(21), escalation.DueAt);
        Assert.Equal("missed, and tracing found no contact within 21 days", escalation.Reason);
    }
}
