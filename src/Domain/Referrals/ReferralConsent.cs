namespace MhSupply.Referrals;

/// <summary>
/// With whom the person agreed to share clinical details (docs/domain.md, "Privacy": consent is recorded per recipient):
/// the receiving service, community services, named facilities. The API's <c>consent: true</c> alone is consent to share
/// with the receiving service.
/// </summary>
public sealed record ReferralConsent(bool ReceivingService, bool CommunityServices, IReadOnlyList<string> Facilities)
{
    public static ReferralConsent None { get; } = new(false, false, []);

    /// <summary>What <c>consent: bool</c> meant before consent was recorded per recipient.</summary>
    public static ReferralConsent ReceivingServiceOnly(bool consent) => new(consent, false, []);

    /// <summary>
    /// Whether it names someone at <paramref name="facility"/>: the facility by name, community services when that is what
    /// the facility is (or the caller a community worker), or the receiving service when the facility receives the referral.
    /// </summary>
    public bool Names(CallerFacility facility, bool receiving, bool communityWorker) =>
        Facilities.Contains(facility.Id)
        || (CommunityServices && (facility.IsCommunityService || communityWorker))
        || (receiving && ReceivingService);

    /// <summary>Equal content (the record's own equality compares the list by reference).</summary>
    public bool SameAs(ReferralConsent other) =>
        ReceivingService == other.ReceivingService && CommunityServices == other.CommunityServices
        && Facilities.Order(StringComparer.Ordinal).SequenceEqual(other.Facilities.Order(StringComparer.Ordinal));
}
