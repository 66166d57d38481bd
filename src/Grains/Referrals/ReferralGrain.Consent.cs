using MhSupply.Messages;
namespace MhSupply.Referrals;

public sealed partial class ReferralGrain
{
    public async Task<ReferralOutcome> ChangeConsent(ConsentInput consent, DateTimeOffset at, ReferralActor actor)
    {
        var (permit, refused) = await Authorize(actor, ReferralOperation.ChangeConsent,
            ReferralMessages.Of("referral.consent_forbidden"));
        if (refused is not null)
        {
            return refused;
        }
        if (S.Status == ReferralStatus.EnteredInError.ToWireName())
        {
            return ReferralOutcome.Refused(ReferralOutcome.ForbiddenTransition, ReferralMessages.Of("referral.withdrawn"), currentStatus: S.Status);
        }
        var wanted = new ReferralConsent(consent.ReceivingService, consent.CommunityServices, consent.Facilities);
        var before = S.ConsentGiven();
        if (wanted.SameAs(before))
        {
            return Answer(permit.Caller, actor); // as recorded already: a retry changes nothing
        }
        at = at.ToUniversalTime();
        var next = Copy(S);
        next.Version++;
        next.Consent = wanted.ReceivingService;
        next.ConsentCommunity = wanted.CommunityServices;
        next.ConsentFacilities = [.. wanted.Facilities];
        return await Commit(new ReferralChange(Id, next, OperationNames.ChangeConsent, at, Now(), actor.Subject, permit.Capacity.ToString(), null,
            new { before = Describe(before), after = Describe(wanted) }, CurrentDeadline(next), StatusChanged: false, [], [],
            ClientAddress: actor.ClientAddress), permit.Caller, actor);
    }

    private static ConsentInput Describe(ReferralConsent c) => new(c.ReceivingService, c.CommunityServices, [.. c.Facilities]);
}
