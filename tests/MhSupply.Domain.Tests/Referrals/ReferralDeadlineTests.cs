using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class ReferralDeadlineTests
{
    private static readonly DateTimeOffset Entered = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(3));
    private static readonly DateTimeOffset Appointment = new(2026, 3, 10, 14, 0, 0, TimeSpan.FromHours(3));
    private static readonly ReferralDeadlineOptions Defaults = new();

    private static ReferralDeadline Next(ReferralStatus status, Urgency urgency = Urgency.Routine, DateTimeOffset? appointment = null) =>
        ReferralDeadlines.Next(status, urgency, Entered, appointment, Defaults) ?? throw new InvalidOperationException("no deadline");

    [Theory]
    [InlineData(ReferralStatus.Requested, Urgency.Emergency, 4)]
    [InlineData(ReferralStatus.Requested, Urgency.Urgent, 48)]
    [InlineData(ReferralStatus.Requested, Urgency.Routine, 7 * 24)]
    [InlineData(ReferralStatus.Received, Urgency.Emergency, 4)]
    [InlineData(ReferralStatus.Received, Urgency.Urgent, 48)]
    [InlineData(ReferralStatus.Received, Urgency.Routine, 7 * 24)]
    public void An_unaccepted_referral_is_due_by_its_urgency_from_when_it_entered_its_state(ReferralStatus status, Urgency urgency, int hours)
    {
        var deadline = Next(status, urgency);

        Assert.Equal("referral_not_accepted", deadline.AlertKind);
        Assert.Equal(Entered.AddHours(hours), deadline.DueAt);
    }

    [Fact]
    public void An_emergency_referral_is_not_yet_due_a_tick_before_4_hours_and_is_due_at_exactly_4_hours()
    {
        var deadline = Next(ReferralStatus.Requested, Urgency.Emergency);

        Assert.False(deadline.IsDue(Entered.AddHours(4).AddTicks(-1)));
        Assert.True(deadline.IsDue(Entered.AddHours(4)));
    }

    [Fact]
    public void The_worklist_reason_of_an_unaccepted_emergency_says_how_long_and_how_urgent() =>
        Assert.Equal("not accepted within 4 h of an emergency referral", Next(ReferralStatus.Requested, Urgency.Emergency).Reason);

    [Fact]
    public void The_worklist_reason_of_a_received_routine_referral_says_it_was_received_and_counts_from_the_referral() =>
        Assert.Equal("received but not accepted within 7 days of a routine referral", Next(ReferralStatus.Received, Urgency.Routine).Reason);

    [Theory]
    [InlineData(Urgency.Emergency)]
    [InlineData(Urgency.Routine)]
    public void An_accepted_referral_not_booked_within_3_days_raises_not_booked_not_not_accepted_whatever_its_urgency(Urgency urgency)
    {
        var deadline = Next(ReferralStatus.Accepted, urgency);

        Assert.Equal("referral_not_booked", deadline.AlertKind);
        Assert.Equal(Entered.AddDays(3), deadline.DueAt);
        Assert.Equal("accepted, but no appointment booked within 3 days of acceptance", deadline.Reason);
    }

    [Fact]
    public void A_booked_referral_is_missed_one_day_after_the_appointment_not_after_the_booking()
    {
        var deadline = Next(ReferralStatus.Booked, appointment: Appointment);

        Assert.Equal("appointment_missed", deadline.AlertKind);
        Assert.Equal(Appointment.AddDays(1), deadline.DueAt);
        Assert.False(deadline.IsDue(Appointment.AddDays(1).AddTicks(-1)));
        Assert.True(deadline.IsDue(Appointment.AddDays(1)));
    }

    [Fact]
    public void A_booked_referral_without_an_appointment_is_a_caller_error() =>
        Assert.Throws<ArgumentException>(() => ReferralDeadlines.Next(ReferralStatus.Booked, Urgency.Urgent, Entered, null, Defaults));

    [Fact]
    public void A_no_show_not_rebooked_or_failed_within_7_days_is_an_appointment_missed()
    {
        var deadline = Next(ReferralStatus.NoShow, appointment: Appointment);

        Assert.Equal("appointment_missed", deadline.AlertKind);
        Assert.Equal(Entered.AddDays(7), deadline.DueAt);
        Assert.Contains("missed the appointment, and neither rebooked nor closed", deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patient_seen_without_a_back_referral_for_30_days_is_overdue()
    {
        var deadline = Next(ReferralStatus.InProgress);

        Assert.Equal("back_referral_overdue", deadline.AlertKind);
        Assert.Equal(Entered.AddDays(30), deadline.DueAt);
        Assert.Equal("seen, but no back-referral sent within 30 days", deadline.Reason);
    }

    [Fact]
    public void A_hold_nobody_lifts_for_30_days_is_a_back_referral_overdue_counted_from_the_hold()
    {
        var deadline = Next(ReferralStatus.OnHold);

        Assert.Equal("back_referral_overdue", deadline.AlertKind);
        Assert.Equal(Entered.AddDays(30), deadline.DueAt);
        Assert.Contains("on hold", deadline.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReferralStatus.Completed)]
    [InlineData(ReferralStatus.Rejected)]
    [InlineData(ReferralStatus.Failed)]
    [InlineData(ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.EnteredInError)]
    public void Terminal_referrals_have_no_deadline(ReferralStatus status) =>
        Assert.Null(ReferralDeadlines.Next(status, Urgency.Emergency, Entered, Appointment, Defaults));

    [Fact]
    public void Configured_waits_replace_the_defaults_and_the_reason_follows_them()
    {
        var options = new ReferralDeadlineOptions { NotAcceptedUrgent = TimeSpan.FromHours(24), BackReferral = TimeSpan.FromDays(45) };

        var unaccepted = ReferralDeadlines.Next(ReferralStatus.Requested, Urgency.Urgent, Entered, null, options)!;
        var seen = ReferralDeadlines.Next(ReferralStatus.InProgress, Urgency.Urgent, Entered, null, options)!;

        Assert.Equal(Entered.AddHours(24), unaccepted.DueAt);
        Assert.Equal("not accepted within 1 day of an urgent referral", unaccepted.Reason);
        Assert.Equal(Entered.AddDays(45), seen.DueAt);
    }

    [Fact]
    public void The_defaults_are_those_of_the_domain_reference_and_valid()
    {
        Assert.Equal(TimeSpan.FromHours(4), Defaults.NotAcceptedEmergency);
        Assert.Equal(TimeSpan.FromHours(48), Defaults.NotAcceptedUrgent);
        Assert.Equal(TimeSpan.FromDays(7), Defaults.NotAcceptedRoutine);
        Assert.Equal(TimeSpan.FromDays(3), Defaults.NotBooked);
        Assert.Equal(TimeSpan.FromDays(1), Defaults.AppointmentGrace);
        Assert.Equal(TimeSpan.FromDays(7), Defaults.NoShowFollowUp);
        Assert.Equal(TimeSpan.FromDays(30), Defaults.BackReferral);
        Assert.Equal(TimeSpan.FromDays(3), Defaults.FollowUpGrace);
        Assert.Equal(TimeSpan.FromDays(14), Defaults.TracingEscalation);
        Assert.Empty(Defaults.Validate());
    }

    [Fact]
    public void A_zero_or_negative_wait_is_reported()
    {
        var problems = new ReferralDeadlineOptions { NotBooked = TimeSpan.Zero, TracingEscalation = TimeSpan.FromDays(-1) }.Validate();

        Assert.Contains(problems, p => p.StartsWith("NotBooked", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("TracingEscalation", StringComparison.Ordinal));
    }

    [Fact]
    public void An_emergency_allowed_to_wait_longer_than_an_urgent_referral_is_reported()
    {
        var problems = new ReferralDeadlineOptions { NotAcceptedEmergency = TimeSpan.FromHours(72) }.Validate();

        Assert.Contains(problems, p => p.StartsWith("NotAcceptedEmergency must not exceed", StringComparison.Ordinal));
    }
}
