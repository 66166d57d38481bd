namespace MhSupply.Referrals;

/// <summary>What may be done with a referral besides the state machine's actions (<see cref="ReferralAction"/>).</summary>
public enum ReferralOperation
{
    /// <summary>The referring primary care facility acknowledges the back-referral, which schedules the follow-ups.</summary>
    AcknowledgeBackReferral = 1,

    /// <summary>Record a follow-up visit as attended, missed or traced.</summary>
    RecordFollowUp,

    /// <summary>Record with whom the person agrees to share clinical details.</summary>
    ChangeConsent,
}
