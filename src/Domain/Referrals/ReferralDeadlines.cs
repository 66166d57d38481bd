using MhSupply.Alerts;

namespace MhSupply.Referrals;

/// <summary>
/// When a referral that stays in its current state raises an alert (docs/domain.md, "Referrals", last column of the
/// state table; alert kinds from "Alerts"). Each clock runs from the instant the referral entered its current state
/// (the action's "at", when it happened on the ground), so taking any step restarts it.
/// </summary>
public static class ReferralDeadlines
{
    /// <param name="appointmentAt">The booked appointment; required when <paramref name="status"/> is booked, ignored otherwise.</param>
    /// <returns>The next deadline, or null in a terminal state.</returns>
    /// <remarks>
    /// The deadline's kind, its <see cref="WhyCode"/> and its reason are all chosen here from the state alone, so the
    /// worklist's "why", the detail's due line and the alert's title and text cannot say different things.
    /// </remarks>
    public static ReferralDeadline? Next(
        ReferralStatus status, Urgency urgency, DateTimeOffset enteredStatusAt, DateTimeOffset? appointmentAt, ReferralDeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (status)
        {
            case ReferralStatus.Requested:
            {
                var wait = NotAccepted(urgency, options);
                return new ReferralDeadline(AlertKinds.ReferralNotAccepted, Later.Than(enteredStatusAt, wait),
                    $"not accepted within {DurationText.Describe(wait)} of {WithArticle(urgency)} referral", WhyCode(status), wait);
            }
            case ReferralStatus.Received:
            {
                // The table gives received the same allowance as requested ("as above"), and the clock keeps running from
                // the request (ReferralGrain: acknowledging receipt is not acceptance), so the text says so.
                var wait = NotAccepted(urgency, options);
                return new ReferralDeadline(AlertKinds.ReferralNotAccepted, Later.Than(enteredStatusAt, wait),
                    $"received but not accepted within {DurationText.Describe(wait)} of {WithArticle(urgency)} referral", WhyCode(status), wait);
            }
            case ReferralStatus.Accepted:
                // Accepted is not "not accepted": waiting for a booking has a kind of its own, so the alert's title says
                // what is missing (referral_not_booked).
                return new ReferralDeadline(AlertKinds.ReferralNotBooked, Later.Than(enteredStatusAt, options.NotBooked),
                    $"accepted, but no appointment booked within {DurationText.Describe(options.NotBooked)} of acceptance", WhyCode(status), options.NotBooked);
            case ReferralStatus.Booked:
                if (appointmentAt is not { } appointment)
                {
                    throw new ArgumentException("A booked referral has an appointment.", nameof(appointmentAt));
                }
                return new ReferralDeadline(AlertKinds.AppointmentMissed, Later.Than(appointment, options.AppointmentGrace),
                    $"booked, but no attendance recorded within {DurationText.Describe(options.AppointmentGrace)} after the appointment", WhyCode(status), options.AppointmentGrace);
            case ReferralStatus.NoShow:
                return new ReferralDeadline(AlertKinds.AppointmentMissed, Later.Than(enteredStatusAt, options.NoShowFollowUp),
                    $"missed the appointment, and neither rebooked nor closed within {DurationText.Describe(options.NoShowFollowUp)}", WhyCode(status), options.NoShowFollowUp);
            case ReferralStatus.InProgress:
                return new ReferralDeadline(AlertKinds.BackReferralOverdue, Later.Than(enteredStatusAt, options.BackReferral),
                    $"seen, but no back-referral sent within {DurationText.Describe(options.BackReferral)}", WhyCode(status), options.BackReferral);
            case ReferralStatus.OnHold:
                // The table has no on_hold row. FHIR on-hold pauses the task, so the in_progress clock stops; but a
                // hold nobody lifts leaves the loop open for good, so the hold gets its own clock of the same length,
                // from when it began. Resuming (start) starts a fresh in_progress clock.
                return new ReferralDeadline(AlertKinds.BackReferralOverdue, Later.Than(enteredStatusAt, options.BackReferral),
                    $"on hold for {DurationText.Describe(options.BackReferral)} without resuming care or a back-referral", WhyCode(status), options.BackReferral);
            case ReferralStatus.Completed or ReferralStatus.Rejected or ReferralStatus.Failed or ReferralStatus.Cancelled
                or ReferralStatus.EnteredInError:
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown referral status.");
        }
    }

    /// <summary>
    /// What the referral in <paramref name="status"/> is waiting for, as a message code (the web app's <c>why.{code}</c>):
    /// one per state that has a deadline, null in a terminal state. The deadline of <see cref="Next"/> for that state is
    /// the one it names.
    /// </summary>
    public static string? WhyCode(ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => "not_accepted",
        ReferralStatus.Received => "received_not_accepted",
        ReferralStatus.Accepted => "not_booked",
        ReferralStatus.Booked => "not_attended",
        ReferralStatus.NoShow => "no_show_open",
        ReferralStatus.InProgress => "no_back_referral",
        ReferralStatus.OnHold => "on_hold",
        _ => null,
    };

    private static TimeSpan NotAccepted(Urgency urgency, ReferralDeadlineOptions options) => urgency switch
    {
        Urgency.Emergency => options.NotAcceptedEmergency,
        Urgency.Urgent => options.NotAcceptedUrgent,
        Urgency.Routine => options.NotAcceptedRoutine,
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, "Unknown urgency."),
    };

    private static string WithArticle(Urgency urgency) => urgency switch
    {
        Urgency.Emergency => "an emergency",
        Urgency.Urgent => "an urgent",
        _ => "a routine",
    };
}
