namespace MhSupply.Referrals;

/// <summary>
/// The one table between the referral states (<see cref="ReferralStatus"/>) and FHIR R4 Task.status + businessStatus, in
/// both directions. FHIR's Task status has no "booked" or "no-show" (HL7 AU eRequesting and IHE 360X keep them as a
/// business status of an accepted task), so those two are <c>accepted</c> refined by businessStatus; businessStatus always
/// carries the domain state itself (<see cref="BusinessStatusSystem"/>), so a partner sees every state exactly.
/// An incoming Task asks for a state (<see cref="TargetOf"/>); the step that reaches it is the state machine's
/// (<see cref="StepTo"/>, from <see cref="ReferralRules"/>), never a second table of transitions.
/// </summary>
public static class FhirTaskStatus
{
    /// <summary>The code system of Task.businessStatus: the domain state's wire name (<c>booked</c>, <c>no_show</c>, ...).</summary>
    public const string BusinessStatusSystem = "urn:mhsupply:referral-state";

    /// <summary>state → FHIR Task.status (http://hl7.org/fhir/task-status).</summary>
    private static readonly Dictionary<ReferralStatus, string> Table = new()
    {
        [ReferralStatus.Requested] = "requested",
        [ReferralStatus.Received] = "received",
        [ReferralStatus.Accepted] = "accepted",
        [ReferralStatus.Booked] = "accepted",
        [ReferralStatus.NoShow] = "accepted",
        [ReferralStatus.InProgress] = "in-progress",
        [ReferralStatus.OnHold] = "on-hold",
        [ReferralStatus.Completed] = "completed",
        [ReferralStatus.Rejected] = "rejected",
        [ReferralStatus.Failed] = "failed",
        [ReferralStatus.Cancelled] = "cancelled",
        [ReferralStatus.EnteredInError] = "entered-in-error",
    };

    /// <summary>
    /// The states that share Task.status <c>accepted</c>: businessStatus tells them apart. A partner may spell no_show
    /// <c>no-show</c>, as FHIR codes are spelled.
    /// </summary>
    private static readonly Dictionary<string, ReferralStatus> AcceptedRefinements = new(StringComparer.Ordinal)
    {
        ["accepted"] = ReferralStatus.Accepted,
        ["booked"] = ReferralStatus.Booked,
        ["no_show"] = ReferralStatus.NoShow,
        ["no-show"] = ReferralStatus.NoShow,
    };

    /// <summary>Every FHIR Task.status we map, in the order of the referral states.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [.. Table.Values.Distinct()];

    public static string StatusOf(ReferralStatus state) =>
        Table.TryGetValue(state, out var status) ? status : throw new ArgumentOutOfRangeException(nameof(state), state, "Not a referral state.");

    /// <summary>The businessStatus code of a state (in <see cref="BusinessStatusSystem"/>): the state's own wire name.</summary>
    public static string BusinessStatusOf(ReferralStatus state) => state.ToWireName();

    /// <summary>
    /// The state an incoming Task asks for, from its status and (for <c>accepted</c>) its businessStatus code; null when
    /// FHIR's status has no referral state (<c>draft</c>, <c>ready</c>, or not a status). Under another status a
    /// businessStatus is not read: after a PATCH of status alone it still names the state the Task was read in.
    /// </summary>
    public static ReferralStatus? TargetOf(string? status, string? businessStatus)
    {
        if (status == "accepted")
        {
            return businessStatus is not null && AcceptedRefinements.TryGetValue(businessStatus, out var refined) ? refined : ReferralStatus.Accepted;
        }
        foreach (var (state, code) in Table)
        {
            if (code == status)
            {
                return state;
            }
        }
        return null;
    }

    /// <summary>
    /// What an incoming Task asking for <paramref name="target"/> does to a referral in <paramref name="current"/>: the
    /// state machine's step between them; nothing when it asks for the state the referral is in (a Task sent back as
    /// read), except booked to booked when the appointment changes (a reschedule); otherwise the step that leads to the
    /// target from elsewhere, for the state machine to refuse with its own words, naming the current state.
    /// </summary>
    /// <param name="appointmentChanged">The Task asks for another appointment than the one booked.</param>
    public static FhirTaskStep StepTo(ReferralStatus current, ReferralStatus target, bool appointmentChanged = false)
    {
        if (current == target && !(target == ReferralStatus.Booked && appointmentChanged))
        {
            return FhirTaskStep.Unchanged;
        }
        foreach (var action in Enum.GetValues<ReferralAction>())
        {
            if (ReferralRules.Target(current, action) == target)
            {
                return new FhirTaskStep(FhirTaskStepKind.Step, action);
            }
        }
        return new FhirTaskStep(FhirTaskStepKind.NoSuchStep, Leading(target));
    }

    /// <summary>
    /// The action that usually leads to a state: the one the state machine's refusal then names (attending is how a
    /// booked referral starts, but "start" is the step of a referral seen without booking, so the general one).
    /// </summary>
    private static ReferralAction Leading(ReferralStatus target) => target switch
    {
        ReferralStatus.Requested => ReferralAction.Reopen,
        ReferralStatus.Received => ReferralAction.Receive,
        ReferralStatus.Accepted => ReferralAction.Accept,
        ReferralStatus.Booked => ReferralAction.Book,
        ReferralStatus.NoShow => ReferralAction.NoShow,
        ReferralStatus.InProgress => ReferralAction.Start,
        ReferralStatus.OnHold => ReferralAction.Hold,
        ReferralStatus.Completed => ReferralAction.BackRefer,
        ReferralStatus.Rejected => ReferralAction.Reject,
        ReferralStatus.Failed => ReferralAction.Fail,
        ReferralStatus.Cancelled => ReferralAction.Cancel,
        ReferralStatus.EnteredInError => ReferralAction.EnterInError,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a referral state."),
    };
}

/// <summary>What an incoming Task does (<see cref="FhirTaskStatus.StepTo"/>).</summary>
public enum FhirTaskStepKind
{
    /// <summary>It asks for the state the referral is in: nothing to do.</summary>
    Unchanged = 1,

    /// <summary>The state machine has a step from the current state to the one asked: <see cref="FhirTaskStep.Action"/>.</summary>
    Step,

    /// <summary>No step leads there from the current state: <see cref="FhirTaskStep.Action"/> is refused by the state machine (409).</summary>
    NoSuchStep,
}

/// <param name="Action">The action to run (for <see cref="FhirTaskStepKind.Step"/> and <see cref="FhirTaskStepKind.NoSuchStep"/>).</param>
public sealed record FhirTaskStep(FhirTaskStepKind Kind, ReferralAction? Action)
{
    public static FhirTaskStep Unchanged { get; } = new(FhirTaskStepKind.Unchanged, null);
}
