using MhSupply.Faults;

namespace MhSupply.Referrals;

/// <summary>
/// One referral, keyed by its client-generated id, running the state machine of docs/domain.md. Each change is
/// committed to PostgreSQL (history, snapshot, follow-ups, deadlines, alerts) before it is answered, and the answer carries
/// the committed referral and the caller's access to it (<see cref="ReferralOutcome.Referral"/>). Every operation answers
/// "not found" to a caller outside the referral's reach. Reads go to the read model, not to grains.
/// </summary>
[Alias("mh.referrals.IReferralGrain")]
public interface IReferralGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Safe to repeat: the referral carries its client-generated id, and a second Create with the same content answers
    /// success (the same referral), with other content a conflict. The actions below are not: each moves the state machine.
    /// </summary>
    [Alias("Create"), RetrySafe]
    Task<ReferralOutcome> Create(NewReferral referral, ReferralActor actor);

    [Alias("Act")]
    Task<ReferralOutcome> Act(ReferralCommand command, ReferralActor actor);

    /// <summary>The receiving PHC acknowledges the back-referral, which creates the follow-up schedule.</summary>
    [Alias("AcknowledgeBackReferral")]
    Task<ReferralOutcome> AcknowledgeBackReferral(DateTimeOffset at, ReferralActor actor);

    [Alias("FollowUp")]
    Task<ReferralOutcome> FollowUp(FollowUpCommand command, ReferralActor actor);

    /// <summary>Records with whom the person agrees to share clinical details; an audited step of its own.</summary>
    [Alias("ChangeConsent")]
    Task<ReferralOutcome> ChangeConsent(ConsentInput consent, DateTimeOffset at, ReferralActor actor);
}
