namespace MhSupply.Referrals;

/// <summary>
/// What of a referral decides who may see and do what with it: the sending facility and its district, the receiving
/// facility or the service type asked for, the referral's (receiving) district, and the person's consent.
/// </summary>
public sealed record ReferralParties(
    string FromFacility,
    string FromDistrict,
    string? ToFacility,
    string? ToService,
    string District,
    ReferralConsent Consent);
