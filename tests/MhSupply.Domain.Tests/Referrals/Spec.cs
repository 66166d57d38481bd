using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

/// <summary>
/// The rules as docs/domain.md and the brief state them, written out independently of the implementation so the
/// tests compare two readings of the specification rather than the code with itself.
/// </summary>
internal static class Spec
{
    public const string Reason = "patient moved to another district";

    /// <summary>Every step of the state machine: (from, action, to).</summary>
    public static IReadOnlyList<(ReferralStatus From, ReferralAction Action, ReferralStatus To)> Transitions { get; } = BuildTransitions();

    /// <summary>Which capacities may take each action.</summary>
    public static IReadOnlyDictionary<ReferralAction, ReferralRole[]> Roles { get; } = new Dictionary<ReferralAction, ReferralRole[]>
    {
        [ReferralAction.Receive] = ReceivingSide,
        [ReferralAction.Accept] = ReceivingSide,
        [ReferralAction.Reject] = ReceivingSide,
        [ReferralAction.Book] = ReceivingSide,
        [ReferralAction.Attend] = ReceivingSide,
        [ReferralAction.NoShow] = ReceivingSide,
        [ReferralAction.Start] = ReceivingSide,
        [ReferralAction.Hold] = ReceivingSide,
        [ReferralAction.BackRefer] = [ReferralRole.ReceivingClinician],
        [ReferralAction.Fail] = [ReferralRole.ReceivingClinician],
        [ReferralAction.Cancel] = [ReferralRole.ReferringClinician, ReferralRole.Coordinator, ReferralRole.CommunityWorker, ReferralRole.Admin],
        [ReferralAction.EnterInError] = [ReferralRole.ReferringClinician, ReferralRole.Admin],
        [ReferralAction.Reopen] = [ReferralRole.Coordinator, ReferralRole.Admin],
    };

    public static ReferralAction[] ActionsNeedingAReason { get; } =
        [ReferralAction.Reject, ReferralAction.Fail, ReferralAction.Cancel, ReferralAction.EnterInError, ReferralAction.Reopen];

    private static ReferralRole[] ReceivingSide =>
        [ReferralRole.ReceivingClinician, ReferralRole.ReceivingFacilityHead, ReferralRole.Coordinator, ReferralRole.Admin];

    public static ReferralStatus[] AllStatuses => Enum.GetValues<ReferralStatus>();

    public static ReferralAction[] AllActions => Enum.GetValues<ReferralAction>();

    public static ReferralRole[] AllRoles => Enum.GetValues<ReferralRole>();

    /// <summary>A capacity allowed to take the action, so that a test of the state machine is not refused for the role.</summary>
    public static ReferralRole CapableOf(ReferralAction action) => Roles[action][0];

    /// <summary>A state from which the action is possible, so that a test of roles or reasons is not refused for the state.</summary>
    public static ReferralStatus StateAllowing(ReferralAction action) => Transitions.First(t => t.Action == action).From;

    public static bool IsTransition(ReferralStatus from, ReferralAction action) => Transitions.Any(t => t.From == from && t.Action == action);

    private static List<(ReferralStatus, ReferralAction, ReferralStatus)> BuildTransitions()
    {
        var table = new List<(ReferralStatus, ReferralAction, ReferralStatus)>
        {
            (ReferralStatus.Requested, ReferralAction.Receive, ReferralStatus.Received),
            (ReferralStatus.Requested, ReferralAction.Accept, ReferralStatus.Accepted),
            (ReferralStatus.Requested, ReferralAction.Reject, ReferralStatus.Rejected),
            (ReferralStatus.Requested, ReferralAction.Cancel, ReferralStatus.Cancelled),
            (ReferralStatus.Received, ReferralAction.Accept, ReferralStatus.Accepted),
            (ReferralStatus.Received, ReferralAction.Reject, ReferralStatus.Rejected),
            (ReferralStatus.Received, ReferralAction.Cancel, ReferralStatus.Cancelled),
            (ReferralStatus.Accepted, ReferralAction.Book, ReferralStatus.Booked),
            (ReferralStatus.Accepted, ReferralAction.Start, ReferralStatus.InProgress),
            (ReferralStatus.Accepted, ReferralAction.Cancel, ReferralStatus.Cancelled),
            (ReferralStatus.Booked, ReferralAction.Attend, ReferralStatus.InProgress),
            (ReferralStatus.Booked, ReferralAction.NoShow, ReferralStatus.NoShow),
            (ReferralStatus.Booked, ReferralAction.Cancel, ReferralStatus.Cancelled),
            (ReferralStatus.Booked, ReferralAction.Book, ReferralStatus.Booked),
            (ReferralStatus.NoShow, ReferralAction.Book, ReferralStatus.Booked),
            (ReferralStatus.NoShow, ReferralAction.Fail, ReferralStatus.Failed),
            (ReferralStatus.InProgress, ReferralAction.Hold, ReferralStatus.OnHold),
            (ReferralStatus.InProgress, ReferralAction.BackRefer, ReferralStatus.Completed),
            (ReferralStatus.InProgress, ReferralAction.Fail, ReferralStatus.Failed),
            (ReferralStatus.OnHold, ReferralAction.Start, ReferralStatus.InProgress),
            (ReferralStatus.OnHold, ReferralAction.Fail, ReferralStatus.Failed),
            (ReferralStatus.OnHold, ReferralAction.Cancel, ReferralStatus.Cancelled),
            (ReferralStatus.Rejected, ReferralAction.Reopen, ReferralStatus.Requested),
            (ReferralStatus.Failed, ReferralAction.Reopen, ReferralStatus.Requested),
            (ReferralStatus.Cancelled, ReferralAction.Reopen, ReferralStatus.Requested),
        };
        // Entered in error: from every state but entered_in_error itself, terminal ones included.
        table.AddRange(Enum.GetValues<ReferralStatus>()
            .Where(s => s != ReferralStatus.EnteredInError)
            .Select(s => (s, ReferralAction.EnterInError, ReferralStatus.EnteredInError)));
        return table;
    }
}
