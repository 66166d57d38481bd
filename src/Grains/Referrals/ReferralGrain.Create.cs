using MhSupply.Messages;
namespace MhSupply.Referrals;

public sealed partial class ReferralGrain
{
    public async Task<ReferralOutcome> Create(NewReferral r, ReferralActor actor)
    {
        var caller = await callers.ResolveAsync(actor);
        var capacity = ReferralAccessPolicy.MayRefer(caller, r.FromFacility, r.FromDistrict);
        if (S.Exists)
        {
            // A retried submission is recognised and answered as the first was, marked replayed (FHIR answers it 200, not 201);
            // the same id for another referral is a conflict.
            var same = S.PatientCode == r.PatientCode && S.FromFacility == r.FromFacility && S.ToFacility == r.ToFacility
                && S.ToService == r.ToService && S.Reason == r.Reason && S.Urgency == r.Urgency;
            if (!same)
            {
                return ReferralOutcome.Refused(ReferralOutcome.Conflict, ReferralMessages.Of("referral.id_reused"), "id");
            }
            return capacity is null ? MayNotRefer(r) : Answer(caller, actor) with { Replayed = true };
        }
        if (capacity is null)
        {
            return MayNotRefer(r);
        }
        if (!WireNames.TryParse<Urgency>(r.Urgency, out var urgency))
        {
            return ReferralOutcome.Refused(ReferralOutcome.Invalid, ReferralMessages.Of("referral.urgency_invalid"), "urgency");
        }
        var at = r.At.ToUniversalTime();
        var next = new ReferralState
        {
            Version = 1,
            Status = ReferralStatus.Requested.ToWireName(),
            StatusAt = at,
            PatientCode = r.PatientCode,
            Sex = r.Sex,
            BirthYear = r.BirthYear,
            FromFacility = r.FromFacility,
            ToFacility = r.ToFacility,
            ToService = r.ToService,
            District = r.District,
            Reason = r.Reason,
            Urgency = r.Urgency,
            Notes = r.Notes,
            Consent = r.Consent.ReceivingService,
            ConsentCommunity = r.Consent.CommunityServices,
            ConsentFacilities = [.. r.Consent.Facilities],
            FromDistrict = r.FromDistrict,
            CreatedAt = at,
            CreatedBy = actor.Subject,
            ClockFrom = at,
        };
        var deadline = ReferralDeadlines.Next(ReferralStatus.Requested, urgency, at, null, deadlines.Value);
        return await Commit(new ReferralChange(Id, next, "create", at, Now(), actor.Subject, capacity.Value.ToString(), null,
            new { r.Notes, consent = r.Consent }, deadline, StatusChanged: true, [], [], r.NameEncrypted, r.PhoneEncrypted,
            ClientAddress: actor.ClientAddress), caller, actor);
    }

    private static ReferralOutcome MayNotRefer(NewReferral r) => new(ReferralOutcome.ForbiddenRole,
        $"Only a clinician or community worker of {r.FromFacility}, or a referral coordinator of its district, refers from it.");
}
