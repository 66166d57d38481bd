using MhSupply.Messages;

namespace MhSupply.Referrals;

/// <summary>
/// The referral state machine of docs/domain.md ("Referrals (FHIR R4 Task-aligned)"): which action moves which
/// state where, who may take it, and when it needs a reason. Checks run in the order the API reports them: an
/// impossible step is a conflict with the referral's state (409) whoever asks, then the capacity (403), then the input
/// (400).
/// </summary>
public static class ReferralRules
{
    /// <summary>Longest reason accepted: enough for a clinical note, bounded because it is stored in every history row.</summary>
    public const int MaxReasonLength = 1000;

    public static ReferralDecision Decide(ReferralStatus current, ReferralAction action, ReferralRole actor, string? reason)
    {
        if (Target(current, action) is not { } next)
        {
            return new ReferralDecision(ReferralDecisionKind.ForbiddenTransition, null, ForbiddenTransitionMessage(current, action));
        }
        if (!MayAct(action, actor))
        {
            return new ReferralDecision(ReferralDecisionKind.ForbiddenRole, null,
                ReferralMessages.Of("referral.forbidden_role", ("role", new Shown(WireNames.SnakeCase(actor.ToString()), Describe(actor))), ("action", ActionName(action))));
        }
        if (RequiresReason(action) && string.IsNullOrWhiteSpace(reason))
        {
            return new ReferralDecision(ReferralDecisionKind.ReasonRequired, null, ReferralMessages.Of("referral.reason_required", ("action", ActionName(action))));
        }
        // An optional reason (no-show) is bounded too: every reason is stored in the history.
        if (reason is { Length: > MaxReasonLength })
        {
            return new ReferralDecision(ReferralDecisionKind.ReasonRequired, null,
                ReferralMessages.Of("referral.reason_too_long", ("length", reason.Length), ("max", MaxReasonLength)));
        }
        return new ReferralDecision(ReferralDecisionKind.Allowed, next, null);
    }

    /// <summary>
    /// Dates a step cannot have, whoever takes it (checked once the step itself is allowed): an appointment booked further
    /// in the past than <see cref="ReferralDateOptions.BookingPastTolerance"/> before the booking (a visit entered the
    /// same afternoon is fine, one of last month is a typing mistake), and attendance before the appointment booked
    /// (someone seen earlier had another visit: book it as it happened, then record it).
    /// </summary>
    /// <param name="at">When the step happened.</param>
    /// <param name="appointmentAt">The appointment a booking asks for.</param>
    /// <param name="bookedAppointment">The appointment booked already (attendance is recorded against it).</param>
    /// <param name="zone">The facilities' calendar, in which the message names the dates.</param>
    public static StepDateRefusal? CheckDates(ReferralAction action, DateTimeOffset at, DateTimeOffset? appointmentAt,
        DateTimeOffset? bookedAppointment, ReferralDateOptions options, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zone);
        if (action == ReferralAction.Book && appointmentAt is { } asked && Later.Than(asked, options.BookingPastTolerance) < at)
        {
            return new StepDateRefusal("appointmentAt", ReferralMessages.Of("referral.appointment_in_past",
                ("appointmentAt", LocalDates.Shown(asked, zone)), ("bookedAt", LocalDates.Shown(at, zone)),
                ("toleranceHours", new Shown(options.BookingPastToleranceHours, DurationText.Describe(options.BookingPastTolerance)))));
        }
        if (action == ReferralAction.Attend && bookedAppointment is { } booked && at < booked)
        {
            return new StepDateRefusal("at", ReferralMessages.Of("referral.attended_before_appointment",
                ("at", LocalDates.Shown(at, zone)), ("appointmentAt", LocalDates.Shown(booked, zone))));
        }
        return null;
    }

    /// <summary>The actions to offer this capacity on a referral in <paramref name="current"/>, in enum order.</summary>
    public static IReadOnlyList<ReferralAction> AllowedActions(ReferralStatus current, ReferralRole actor) =>
        Enum.GetValues<ReferralAction>().Where(a => Target(current, a) is not null && MayAct(a, actor)).ToArray();

    /// <summary>
    /// Rejecting and failing need a reason (domain state table); so do closing (cancel), correcting the record and
    /// reopening ("Closing asks for a reason; reopening is a recorded action").
    /// </summary>
    public static bool RequiresReason(ReferralAction action) =>
        action is ReferralAction.Reject or ReferralAction.Fail or ReferralAction.Cancel or ReferralAction.EnterInError
            or ReferralAction.Reopen;

    /// <summary>Whether the action takes a reason at all: those that need one, and no-show and hold, which may say why.</summary>
    public static bool AcceptsReason(ReferralAction action) =>
        RequiresReason(action) || action is ReferralAction.NoShow or ReferralAction.Hold;

    /// <summary>The state an action leads to from <paramref name="current"/>, or null when the state machine has no such step.</summary>
    internal static ReferralStatus? Target(ReferralStatus current, ReferralAction action) => (current, action) switch
    {
        // Deletion does not exist (docs/domain.md), so entered_in_error is how a wrong record is withdrawn. A record
        // can be wrong whatever happened to it since (wrong patient on a completed referral), so every state allows it
        // (FHIR Task allows entered-in-error from any status); only a record already withdrawn does not.
        (not ReferralStatus.EnteredInError, ReferralAction.EnterInError) when Enum.IsDefined(current) => ReferralStatus.EnteredInError,
        (ReferralStatus.Requested, ReferralAction.Receive) => ReferralStatus.Received,
        (ReferralStatus.Requested or ReferralStatus.Received, ReferralAction.Accept) => ReferralStatus.Accepted,
        (ReferralStatus.Requested or ReferralStatus.Received, ReferralAction.Reject) => ReferralStatus.Rejected,
        (ReferralStatus.Requested or ReferralStatus.Received or ReferralStatus.Accepted or ReferralStatus.Booked or ReferralStatus.OnHold,
            ReferralAction.Cancel) => ReferralStatus.Cancelled,
        // Booking again from booked reschedules; from no_show it rebooks (domain state table).
        (ReferralStatus.Accepted or ReferralStatus.Booked or ReferralStatus.NoShow, ReferralAction.Book) => ReferralStatus.Booked,
        // Start from accepted: seen without a booking (an emergency walk-in); from on_hold: care resumes.
        (ReferralStatus.Accepted or ReferralStatus.OnHold, ReferralAction.Start) => ReferralStatus.InProgress,
        (ReferralStatus.Booked, ReferralAction.Attend) => ReferralStatus.InProgress,
        (ReferralStatus.Booked, ReferralAction.NoShow) => ReferralStatus.NoShow,
        (ReferralStatus.InProgress, ReferralAction.Hold) => ReferralStatus.OnHold,
        (ReferralStatus.InProgress, ReferralAction.BackRefer) => ReferralStatus.Completed,
        (ReferralStatus.NoShow or ReferralStatus.InProgress or ReferralStatus.OnHold, ReferralAction.Fail) => ReferralStatus.Failed,
        // Reopening is a recorded action (docs/domain.md); entered_in_error is not reopened: the record was wrong.
        (ReferralStatus.Rejected or ReferralStatus.Failed or ReferralStatus.Cancelled, ReferralAction.Reopen) => ReferralStatus.Requested,
        _ => null,
    };

    private static bool MayAct(ReferralAction action, ReferralRole actor) => action switch
    {
        ReferralAction.Receive or ReferralAction.Accept or ReferralAction.Reject or ReferralAction.Book or ReferralAction.Attend
            or ReferralAction.NoShow or ReferralAction.Start or ReferralAction.Hold =>
            actor is ReferralRole.ReceivingClinician or ReferralRole.ReceivingFacilityHead or ReferralRole.Coordinator or ReferralRole.Admin,
        // Sending a treatment plan and declaring the referral failed are clinical judgements: the receiving
        // clinician's alone, not an administrator's.
        ReferralAction.BackRefer or ReferralAction.Fail => actor is ReferralRole.ReceivingClinician,
        // A community health worker may refer (domain state table, "set by referring clinician/CHW"), so may withdraw.
        ReferralAction.Cancel =>
            actor is ReferralRole.ReferringClinician or ReferralRole.Coordinator or ReferralRole.CommunityWorker or ReferralRole.Admin,
        // Whoever wrote the record vouches for it; an administrator corrects what the author cannot.
        ReferralAction.EnterInError => actor is ReferralRole.ReferringClinician or ReferralRole.Admin,
        // Reopening overrides someone else's decision to close: the district's coordinator arbitrates.
        ReferralAction.Reopen => actor is ReferralRole.Coordinator or ReferralRole.Admin,
        _ => false,
    };

    private static UserMessage ForbiddenTransitionMessage(ReferralStatus current, ReferralAction action)
    {
        var currentName = Enum.IsDefined(current) ? current.ToWireName() : current.ToString();
        var actionName = ActionName(action);
        var from = Enum.GetValues<ReferralStatus>().Where(s => Target(s, action) is not null).Select(s => s.ToWireName()).ToArray();
        // What the referral can do instead, whoever asks: the steps its state allows (the caller's own are in allowedActions).
        var next = Enum.GetValues<ReferralAction>().Where(a => Target(current, a) is not null).Select(a => a.ToWireName()).ToArray();
        return from.Length == 0
            ? ReferralMessages.Of("referral.no_such_step", ("status", currentName), ("action", actionName),
                ("allowed", string.Join(", ", WireNames<ReferralAction>.All)))
            : ReferralMessages.Of("referral.forbidden_transition", ("status", currentName), ("action", actionName),
                ("from", new Shown(string.Join(",", from), MessageTemplates.JoinOr(from))), ("next", new Shown(string.Join(",", next), MessageTemplates.JoinOr(next))));
    }

    private static string ActionName(ReferralAction action) => Enum.IsDefined(action) ? action.ToWireName() : action.ToString();

    private static string Describe(ReferralRole actor) => actor switch
    {
        ReferralRole.ReferringClinician => "referring clinician",
        ReferralRole.ReceivingClinician => "receiving clinician",
        ReferralRole.ReceivingFacilityHead => "receiving facility head",
        ReferralRole.Coordinator => "referral coordinator",
        ReferralRole.CommunityWorker => "community health worker",
        ReferralRole.Admin => "administrator",
        _ => $"caller in capacity {actor}",
    };
}
