namespace MhSupply.Referrals;

/// <summary>
/// The referrals a caller may read, as a filter a list query applies: everything, those of some districts (receiving or
/// sending), those some facilities send or receive, and those asked of a service type in a district that one of the
/// caller's facilities offers. <see cref="Covers"/> says the same of one referral, and is what
/// <see cref="ReferralAccessPolicy.Decide"/> grants reading to (the policy's tests hold them equal).
/// </summary>
public sealed record ReferralReach(
    bool All,
    IReadOnlyList<string> Districts,
    IReadOnlyList<string> Facilities,
    IReadOnlyList<(string District, string Service)> ServiceClaims)
{
    public static ReferralReach Nothing { get; } = new(false, [], [], []);

    public bool IsEmpty => !All && Districts.Count == 0 && Facilities.Count == 0 && ServiceClaims.Count == 0;

    public bool Covers(ReferralParties p) =>
        All
        || Districts.Contains(p.District) || Districts.Contains(p.FromDistrict)
        || Facilities.Contains(p.FromFacility) || (p.ToFacility is not null && Facilities.Contains(p.ToFacility))
        || (p.ToFacility is null && p.ToService is not null && ServiceClaims.Contains((p.District, p.ToService)));
}
