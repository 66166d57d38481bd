using MhSupply.Messages;
namespace MhSupply.Referrals;

public sealed partial class ReferralGrain
{
    /// <summary>
    /// A step sent again with the client id it was committed under (its answer was lost on a bad link) is answered with the
    /// referral as it is now, marked replayed, and changes nothing; the same id for another step is a conflict. Checked
    /// after the reach check, so an id tells an outsider nothing.
    /// </summary>
    private ReferralOutcome? Replay(Guid? stepId, string operation, ReferralCaller caller, ReferralActor actor) =>
        S.StepOf(stepId) switch
        {
            null => null,
            { } seen when seen.Operation == operation => Answer(caller, actor) with { Replayed = true },
            { } seen => ReferralOutcome.Refused(ReferralOutcome.Conflict, ReferralMessages.Of("referral.step_id_reused")),
        };

    private static string FollowUpOperation(FollowUpCommand command) => $"follow-up-{command.Action}:{command.FollowUpId}";
}
