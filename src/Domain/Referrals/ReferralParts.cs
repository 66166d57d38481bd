namespace MhSupply.Referrals;

/// <summary>The parts of a referral a caller may be shown.</summary>
[Flags]
public enum ReferralParts
{
    None = 0,

    /// <summary>That it exists: pseudonymous patient code, sex and birth year, parties, urgency, states and their dates.</summary>
    Summary = 1,

    /// <summary>The person's name and phone: for those who care for or trace them.</summary>
    Contact = 2,

    /// <summary>Why the person was referred (the mhGAP category).</summary>
    Reason = 4,

    /// <summary>The referring note.</summary>
    Notes = 8,

    /// <summary>The back-referral's diagnosis.</summary>
    Diagnosis = 16,

    /// <summary>The back-referral's treatment plan.</summary>
    Plan = 32,

    /// <summary>The medicines prescribed with the back-referral.</summary>
    Medicines = 64,

    /// <summary>Everything clinical: shared only with carers and those the person consented to.</summary>
    Clinical = Reason | Notes | Diagnosis | Plan | Medicines,
}
