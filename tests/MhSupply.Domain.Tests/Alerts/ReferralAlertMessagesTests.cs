using MhSupply.Alerts;
using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Alerts;

/// <summary>
/// A referral or follow-up alert carries a template code and parameters, as stock alerts do: the code is the deadline's own
/// why (so the words in any language say what the worklist says), the parameters the codes, names, wait and local day a
/// reader's language fills in. A deadline read back from its row has no why and keeps its English words alone.
/// </summary>
public sealed class ReferralAlertMessagesTests
{
    private static readonly DateTimeOffset Entered = new(2026, 12, 1, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Appointment = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Named CampA = new("phc-camp-a", "Camp A Health Centre");
    private static readonly Named Hospital = new("smh-district", "District Hospital Mental Health Unit");
    private static readonly TimeZoneInfo PlusThree = TimeZoneInfo.CreateCustomTimeZone("plus3", TimeSpan.FromHours(3), "plus3", "plus3");

    public static TheoryData<ReferralStatus, long> WaitingStates => new()
    {
        { ReferralStatus.Requested, 4 * 60 },
        { ReferralStatus.Received, 4 * 60 },
        { ReferralStatus.Accepted, 3 * 24 * 60 },
        { ReferralStatus.Booked, 24 * 60 },
        { ReferralStatus.NoShow, 7 * 24 * 60 },
        { ReferralStatus.InProgress, 30 * 24 * 60 },
        { ReferralStatus.OnHold, 30 * 24 * 60 },
    };

    [Theory]
    [MemberData(nameof(WaitingStates))]
    public void Each_waiting_state_raises_the_template_of_its_why_with_the_wait_it_allows(ReferralStatus status, long waitMinutes)
    {
        var deadline = ReferralDeadlines.Next(status, Urgency.Emergency, Entered, Appointment, ReferralDeadlineOptions.Default)!;

        var text = AlertMessages.ReferralDeadlinePassed("CAMPA-0042", "emergency", CampA, Hospital, deadline, PlusThree);

        Assert.Equal(ReferralDeadlines.WhyCode(status), deadline.WhyCode);
        Assert.Equal("referral_" + ReferralDeadlines.WhyCode(status), text.Code);
        Assert.Contains(text.Code, AlertMessages.Codes.ReferralDeadlines);
        Assert.Equal(waitMinutes, text.Params["waitMinutes"]);
        // The words and the parameters name the same day: the local one.
        var localDue = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(deadline.DueAt, PlusThree).DateTime);
        Assert.Equal(localDue.ToString("yyyy-MM-dd"), text.Params["due"]);
        Assert.EndsWith($"due {LocalDates.Day(localDue)}.", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_referral_alert_gives_the_patient_code_urgency_and_both_facilities_by_code_and_name()
    {
        var deadline = ReferralDeadlines.Next(ReferralStatus.Accepted, Urgency.Urgent, Entered, null, ReferralDeadlineOptions.Default)!;

        var text = AlertMessages.ReferralDeadlinePassed("CAMPA-0042", "urgent", CampA, Hospital, deadline, PlusThree);

        Assert.Equal("referral_not_booked", text.Code);
        Assert.Equal("CAMPA-0042", text.Params["patient"]);
        Assert.Equal("urgent", text.Params["urgency"]);
        Assert.Equal(("phc-camp-a", "Camp A Health Centre"), (text.Params["from"], text.Params["fromName"]));
        Assert.Equal(("smh-district", "District Hospital Mental Health Unit"), (text.Params["to"], text.Params["toName"]));
        Assert.False(text.Params.ContainsKey("service"));
        // 21:00 UTC on 1 Dec + 3 days is 00:00 on 5 Dec at UTC+3: the local day, not the UTC one.
        Assert.Equal("2026-12-05", text.Params["due"]);
        Assert.Equal("Patient CAMPA-0042 (urgent referral from Camp A Health Centre to District Hospital Mental Health Unit): "
            + "accepted, but no appointment booked within 3 days of acceptance; due 5 Dec 2026.", text.Message);
    }

    [Fact]
    public void A_referral_to_a_service_nobody_has_claimed_names_the_service_not_a_facility()
    {
        var deadline = ReferralDeadlines.Next(ReferralStatus.Requested, Urgency.Routine, Entered, null, ReferralDeadlineOptions.Default)!;

        var text = AlertMessages.ReferralDeadlinePassed("CAMPA-7", "routine", CampA,
            new Named("psychosocial_support", "a facility offering psychosocial support"), deadline, TimeZoneInfo.Utc, "psychosocial_support");

        Assert.Equal("psychosocial_support", text.Params["service"]);
        Assert.False(text.Params.ContainsKey("to"));
        Assert.Contains("to a facility offering psychosocial support)", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_read_back_from_its_row_has_no_why_and_keeps_its_english_words_only()
    {
        var stored = new ReferralDeadline(AlertKinds.ReferralNotAccepted, Entered, "not accepted yet");

        var text = AlertMessages.ReferralDeadlinePassed("CAMPA-1", "urgent", CampA, Hospital, stored, TimeZoneInfo.Utc);

        Assert.Null(text.Code);
        Assert.Empty(text.Params);
        Assert.Contains("not accepted yet", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_up_alerts_tell_the_missed_visit_from_the_tracing_that_found_nobody()
    {
        var due = new DateTimeOffset(2026, 12, 3, 22, 30, 0, TimeSpan.Zero);
        var missed = FollowUpRules.Next(FollowUpStatus.Scheduled, due, null, ReferralDeadlineOptions.Default)!;
        var untraced = FollowUpRules.Next(FollowUpStatus.Missed, due, due.AddDays(4), ReferralDeadlineOptions.Default)!;

        var first = AlertMessages.FollowUpDeadlinePassed(2, "CAMPA-0042", CampA, due, missed, PlusThree);
        var second = AlertMessages.FollowUpDeadlinePassed(2, "CAMPA-0042", CampA, due, untraced, PlusThree);

        Assert.Equal(AlertMessages.Codes.FollowUpNotAttended, first.Code);
        Assert.Equal(AlertMessages.Codes.FollowUpNoContact, second.Code);
        Assert.Equal(3L * 24 * 60, first.Params["waitMinutes"]);
        Assert.Equal(14L * 24 * 60, second.Params["waitMinutes"]);
        Assert.Equal("2026-12-04", first.Params["visitDue"]);
        Assert.Equal(2, first.Params["seq"]);
        Assert.Equal(("phc-camp-a", "Camp A Health Centre", "CAMPA-0042"), (first.Params["facility"], first.Params["facilityName"], first.Params["patient"]));
        Assert.Equal("Patient CAMPA-0042, follow-up visit 2 at Camp A Health Centre (due 4 Dec 2026): missed, and tracing found no contact within 14 days.",
            second.Message);
    }

    [Fact]
    public void Every_template_code_is_listed_once()
    {
        Assert.Equal(AlertMessages.Codes.All.Count, AlertMessages.Codes.All.Distinct().Count());
        Assert.Equal(7, AlertMessages.Codes.ReferralDeadlines.Count);
    }

    [Fact]
    public void A_prescribed_medicine_alert_names_medicine_and_facility_and_keeps_their_codes()
    {
        var text = AlertMessages.PrescribedItemUnavailable(Guid.Empty, new Named("biperiden-tab-2mg", "Biperiden 2 mg tablet"), CampA);

        Assert.Equal(AlertMessages.Codes.PrescribedItemUnavailable, text.Code);
        Assert.Equal(("biperiden-tab-2mg", "Biperiden 2 mg tablet"), (text.Params["medicine"], text.Params["medicineName"]));
        Assert.Equal("A back-referral prescribes Biperiden 2 mg tablet, which Camp A Health Centre has at zero or below its emergency order point.",
            text.Message);
    }
}
