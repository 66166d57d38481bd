namespace MhSupply.Referrals;

/// <summary>
/// The capacity in which a caller acts on one referral. The gateway derives it from the token's role and its
/// facility/district claims against the referral's sending and receiving facilities; the domain only decides what
/// each capacity may do (<see cref="ReferralRules"/>).
/// </summary>
public enum ReferralRole
{
    ReferringClinician = 1,
    ReceivingClinician,
    ReceivingFacilityHead,
    Coordinator,
    CommunityWorker,
    Admin,
}
