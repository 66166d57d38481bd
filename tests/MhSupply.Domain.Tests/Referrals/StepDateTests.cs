using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

/// <summary>Steps whose dates cannot be true are refused with the field, a message code and a plain sentence (issue 15, point 5).</summary>
public sealed class StepDateTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.Utc;
    private static readonly ReferralDateOptions Defaults = new();
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static StepDateRefusal? Book(DateTimeOffset appointment, ReferralDateOptions? options = null) =>
        ReferralRules.CheckDates(ReferralAction.Book, Now, appointment, null, options ?? Defaults, Zone);

    [Fact]
    public void Booking_an_appointment_a_week_ago_is_refused_naming_the_appointment_and_the_dates_in_words()
    {
        var refusal = Book(Now.AddDays(-7));

        Assert.NotNull(refusal);
        Assert.Equal("appointmentAt", refusal.Field);
        Assert.Equal("referral.appointment_in_past", refusal.Code);
        Assert.Equal("2026-11-25T10:00:00Z", refusal.Params["appointmentAt"]);
        Assert.Equal("24", refusal.Params["toleranceHours"]);
        Assert.Equal("The appointment on 25 Nov 2026 10:00 is in the past: more than 1 day before the booking (2 Dec 2026 10:00). "
            + "Give the date and time the person is to come.", refusal.Message);
    }

    [Theory]
    [InlineData(-24)] // exactly the tolerance: a visit this time yesterday, entered now
    [InlineData(-3)]
    [InlineData(0)]
    [InlineData(24 * 30)]
    public void Booking_within_the_tolerance_or_ahead_is_allowed(int hours) => Assert.Null(Book(Now.AddHours(hours)));

    [Fact]
    public void The_tolerance_is_configurable()
    {
        var strict = new ReferralDateOptions { BookingPastToleranceHours = 2 };

        Assert.NotNull(Book(Now.AddHours(-3), strict));
        Assert.Null(Book(Now.AddHours(-2), strict));
        Assert.NotNull(Book(Now.AddHours(-25)));
    }

    [Fact]
    public void Attendance_before_the_appointment_is_refused_naming_at()
    {
        var appointment = Now.AddHours(2);

        var refusal = ReferralRules.CheckDates(ReferralAction.Attend, Now, null, appointment, Defaults, Zone);

        Assert.NotNull(refusal);
        Assert.Equal("at", refusal.Field);
        Assert.Equal("referral.attended_before_appointment", refusal.Code);
        Assert.Contains("before the appointment on 2 Dec 2026 12:00", refusal.Message, StringComparison.Ordinal);
        Assert.Null(ReferralRules.CheckDates(ReferralAction.Attend, appointment, null, appointment, Defaults, Zone));
        Assert.Null(ReferralRules.CheckDates(ReferralAction.Attend, appointment.AddDays(1), null, appointment, Defaults, Zone));
    }

    [Theory]
    [InlineData(ReferralAction.Accept)]
    [InlineData(ReferralAction.NoShow)]
    [InlineData(ReferralAction.Start)]
    public void Other_steps_have_no_date_rule_here(ReferralAction action) =>
        Assert.Null(ReferralRules.CheckDates(action, Now, Now.AddYears(-1), Now.AddYears(1), Defaults, Zone));

    [Fact]
    public void A_follow_up_missed_before_it_is_due_is_refused()
    {
        var due = Now.AddDays(30);

        var refusal = FollowUpRules.CheckDate(FollowUpRules.Missed, Now, Now, due, Defaults, Zone);

        Assert.NotNull(refusal);
        Assert.Equal("at", refusal.Field);
        Assert.Equal("followUp.missed_before_due", refusal.Code);
        Assert.StartsWith("This visit is due 1 Jan 2027; it cannot be missed before then.", refusal.Message, StringComparison.Ordinal);
        Assert.Null(FollowUpRules.CheckDate(FollowUpRules.Missed, due, due, due, Defaults, Zone));
    }

    [Fact]
    public void A_follow_up_attended_in_the_future_is_refused()
    {
        var refusal = FollowUpRules.CheckDate(FollowUpRules.Attend, Now.AddHours(1), Now, Now, Defaults, Zone);

        Assert.Equal("followUp.attended_in_future", refusal?.Code);
    }

    [Fact]
    public void A_follow_up_attended_more_than_a_week_before_it_is_due_is_another_visit()
    {
        var due = Now.AddDays(60);

        var refusal = FollowUpRules.CheckDate(FollowUpRules.Attend, Now, Now, due, Defaults, Zone);

        Assert.Equal("followUp.attended_too_early", refusal?.Code);
        Assert.Equal("at", refusal?.Field);
        Assert.Null(FollowUpRules.CheckDate(FollowUpRules.Attend, Now, Now, Now.AddDays(7), Defaults, Zone));
        Assert.Null(FollowUpRules.CheckDate(FollowUpRules.Attend, Now, Now, Now.AddDays(-20), Defaults, Zone));
    }

    [Fact]
    public void Dates_are_named_in_the_facilities_calendar()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus3", TimeSpan.FromHours(3), "plus3", "plus3");

        var refusal = ReferralRules.CheckDates(ReferralAction.Book, Now, new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero), null, Defaults, zone);

        Assert.Contains("21 Nov 2026 01:00", refusal!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 7)]
    [InlineData(24, -1)]
    [InlineData(24 * 32, 7)]
    public void Out_of_range_tolerances_are_configuration_errors(double hours, double days) =>
        Assert.NotEmpty(new ReferralDateOptions { BookingPastToleranceHours = hours, FollowUpEarlyDays = days }.Validate());
}
