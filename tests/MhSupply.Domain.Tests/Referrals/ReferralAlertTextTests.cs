using MhSupply.Alerts;
using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

/// <summary>
/// The worklist's "why" and a referral alert's title and text come from the one deadline of the referral's state, so they
/// cannot contradict each other; the text names the person, the facilities and the local day, no ids and no ISO instants.
/// </summary>
public sealed class ReferralAlertTextTests
{
    private static readonly DateTimeOffset Entered = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Appointment = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<ReferralStatus, string, string> States => new()
    {
        { ReferralStatus.Requested, "not_accepted", AlertKinds.ReferralNotAccepted },
        { ReferralStatus.Received, "received_not_accepted", AlertKinds.ReferralNotAccepted },
        { ReferralStatus.Accepted, "not_booked", AlertKinds.ReferralNotBooked },
        { ReferralStatus.Booked, "not_attended", AlertKinds.AppointmentMissed },
        { ReferralStatus.NoShow, "no_show_open", AlertKinds.AppointmentMissed },
        { ReferralStatus.InProgress, "no_back_referral", AlertKinds.BackReferralOverdue },
        { ReferralStatus.OnHold, "on_hold", AlertKinds.BackReferralOverdue },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Each_waiting_state_has_one_why_one_alert_kind_and_a_reason_that_does_not_deny_the_state(ReferralStatus status, string why, string kind)
    {
        var deadline = ReferralDeadlines.Next(status, Urgency.Urgent, Entered, Appointment, ReferralDeadlineOptions.Default)!;

        Assert.Equal(why, ReferralDeadlines.WhyCode(status));
        Assert.Equal(kind, deadline.AlertKind);
        // The bug this guards against: an accepted referral whose alert and worklist said "not accepted".
        if (status is not (ReferralStatus.Requested or ReferralStatus.Received))
        {
            Assert.DoesNotContain("not accepted", deadline.Reason, StringComparison.Ordinal);
            Assert.NotEqual(AlertKinds.ReferralNotAccepted, deadline.AlertKind);
        }
    }

    [Theory]
    [InlineData(ReferralStatus.Completed)]
    [InlineData(ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.EnteredInError)]
    public void Terminal_states_wait_for_nothing(ReferralStatus status)
    {
        Assert.Null(ReferralDeadlines.WhyCode(status));
        Assert.Null(ReferralDeadlines.Next(status, Urgency.Urgent, Entered, null, ReferralDeadlineOptions.Default));
    }

    [Fact]
    public void A_referral_alert_names_the_patient_the_facilities_and_the_local_day()
    {
        var deadline = ReferralDeadlines.Next(ReferralStatus.Accepted, Urgency.Urgent, Entered, null, ReferralDeadlineOptions.Default)!;

        var text = AlertMessages.ReferralDeadlinePassed("CAMPA-0042", "urgent", new Named("phc-camp-a", "Camp A Health Centre"),
            new Named("smh-district", "District Hospital Mental Health Unit"), deadline, TimeZoneInfo.Utc).Message;

        Assert.Equal("Patient CAMPA-0042 (urgent referral from Camp A Health Centre to District Hospital Mental Health Unit): "
            + "accepted, but no appointment booked within 3 days of acceptance; due 4 Dec 2026.", text);
    }

    [Fact]
    public void A_follow_up_alert_names_the_visit_the_patient_the_facility_and_the_local_due_day()
    {
        var due = new DateTimeOffset(2026, 12, 3, 22, 30, 0, TimeSpan.Zero);
        var deadline = FollowUpRules.Next(FollowUpStatus.Scheduled, due, null, ReferralDeadlineOptions.Default)!;
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus3", TimeSpan.FromHours(3), "plus3", "plus3");

        var text = AlertMessages.FollowUpDeadlinePassed(2, "CAMPA-0042", new Named("phc-camp-a", "Camp A Health Centre"), due, deadline, zone).Message;

        Assert.Equal("Patient CAMPA-0042, follow-up visit 2 at Camp A Health Centre (due 4 Dec 2026): not attended within 3 days after it was due.", text);
    }
}
