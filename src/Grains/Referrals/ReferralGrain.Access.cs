using MhSupply.Messages;
namespace MhSupply.Referrals;

public sealed partial class ReferralGrain
{
    /// <summary>Outside the caller's reach a referral is answered as absent: its existence is not theirs to know.</summary>
    private static readonly ReferralOutcome NotInReach = ReferralOutcome.Refused(ReferralOutcome.NotFound, ReferralMessages.Of("referral.not_in_scope"), denied: true);

    private static readonly ReferralOutcome Absent = ReferralOutcome.Refused(ReferralOutcome.NotFound, ReferralMessages.Of("referral.not_in_scope"));

    /// <summary>The caller as the access policy sees them, and what it allows them on the referral as it stands.</summary>
    private async Task<(ReferralCaller Caller, ReferralAccess Access)> AccessOf(ReferralActor actor)
    {
        var caller = await callers.ResolveAsync(actor);
        return (caller, ReferralAccessPolicy.Decide(caller, S.Parties(), actor.Justification));
    }

    /// <summary>
    /// The referral as it stands and what the caller may see and do on it now: decided on the committed state, since a
    /// step may change the parties (an accepted service referral gains its facility) or the consent. The contact
    /// ciphertexts travel only to a caller who is shown them.
    /// </summary>
    private ReferralOutcome Answer(ReferralCaller caller, ReferralActor actor)
    {
        var access = ReferralAccessPolicy.Decide(caller, S.Parties(), actor.Justification);
        return ReferralOutcome.Done(access.Sees(ReferralParts.Contact) ? _record : _record.WithoutContact(), access);
    }

    /// <summary>
    /// The capacity in which the access policy lets the caller do <paramref name="operation"/> here, or the refusal: "not found"
    /// outside their reach, <paramref name="refusal"/> within it.
    /// </summary>
    private async Task<(Permit Permit, ReferralOutcome? Refused)> Authorize(ReferralActor actor, ReferralOperation operation, UserMessage refusal)
    {
        if (!S.Exists)
        {
            return (default, Absent);
        }
        var (caller, access) = await AccessOf(actor);
        if (!access.CanRead)
        {
            return (default, NotInReach);
        }
        return ReferralAccessPolicy.MayDo(access, operation) is { } capacity
            ? (new Permit(caller, capacity), null)
            : (default, ReferralOutcome.Refused(ReferralOutcome.ForbiddenRole, refusal, denied: true));
    }

    /// <summary>Who may go on, and in which capacity the step is recorded.</summary>
    private readonly record struct Permit(ReferralCaller Caller, ReferralRole Capacity);
}
