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
                    $"not accepted {DurationText.Describe(wait)} after {WithArticle(urgency)} referral");
            }
            case ReferralStatus.Received:
            {
                // The table gives received the same allowance as requested ("as above"), counted from receipt: the
                // receiving service has confirmed it holds the referral and now owes a decision.
                var wait = NotAccepted(urgency, options);
                return new ReferralDeadline(AlertKinds.ReferralNotAccepted, Later.Than(enteredStatusAt, wait),
                    $"not accepted {DurationText.Describe(wait)} after {WithArticle(urgency)} referral was received");
            }
            case ReferralStatus.Accepted:
                // No kind of its own in the alert list: an accepted referral with no appointment is, for the patient,
                // still not taken on, so it raises referral_not_accepted with a reason that says what is missing.
                return new ReferralDeadline(AlertKinds.ReferralNotAccepted, Later.Than(enteredStatusAt, options.NotBooked),
                    $"accepted but not booked {DurationText.Describe(options.NotBooked)} after acceptance");
            case ReferralStatus.Booked:
                if (appointmentAt is not { } appointment)
                {
                    throw new ArgumentException("A booked referral has an appointment.", nameof(appointmentAt));
                }
                return new ReferralDeadline(AlertKinds.AppointmentMissed, Later.Than(appointment, options.AppointmentGrace),
                    $"no attendance recorded {DurationText.Describe(options.AppointmentGrace)} after the appointment");
            case ReferralStatus.NoShow:
                return new ReferralDeadline(AlertKinds.AppointmentMissed, Later.Than(enteredStatusAt, options.NoShowFollowUp),
                    $"no-show neither rebooked nor closed as failed {DurationText.Describe(options.NoShowFollowUp)} after the missed appointment");
            case ReferralStatus.InProgress:
                return new ReferralDeadline(AlertKinds.BackReferralOverdue, Later.Than(enteredStatusAt, options.BackReferral),
                    $"no back-referral {DurationText.Describe(options.BackReferral)} after the patient was seen");
            case ReferralStatus.OnHold:
                // The table has no on_hold row. FHIR on-hold pauses the task, so the in_progress clock stops; but a
                // hold nobody lifts leaves the loop open for good, so the hold gets its own clock of the same length,
                // from when it began. Resuming (start) starts a fresh in_progress clock.
                return new ReferralDeadline(AlertKinds.BackReferralOverdue, Later.Than(enteredStatusAt, options.BackReferral),
                    $"on hold {DurationText.Describe(options.BackReferral)} without resuming care or a back-referral");
            case ReferralStatus.Completed or ReferralStatus.Rejected or ReferralStatus.Failed or ReferralStatus.Cancelled
                or ReferralStatus.EnteredInError:
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown referral status.");
        }
    }

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
