using MhSupply.Stock;

namespace MhSupply.Referrals;

/// <summary>Who asks, as the referral access policy sees them: their roles, the facilities and districts their token names.</summary>
public sealed record ReferralCaller(IReadOnlySet<string> Roles, IReadOnlyList<CallerFacility> Facilities, IReadOnlySet<string> Districts)
{
    public bool Is(string role) => Roles.Contains(role);

    public CallerFacility? At(string? facility) => facility is null ? null : Facilities.FirstOrDefault(f => f.Id == facility);
}

/// <summary>A facility the caller works at: its level says whether it is a community service; its services what it may claim.</summary>
public sealed record CallerFacility(string Id, string Level, string District, IReadOnlyCollection<string> Services)
{
    public bool IsCommunityService => Level == FacilityLevel.Community.ToWireName();
}
