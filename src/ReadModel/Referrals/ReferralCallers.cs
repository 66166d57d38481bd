using MhSupply.Reference;

namespace MhSupply.Referrals;

/// <summary>
/// Turns what a token says (roles, facility and district ids) into the caller the access policy decides on, with each
/// facility's level, district and services from the registry (cached there). Used by the gateway and the referral grain.
/// </summary>
public sealed class ReferralCallers(FacilityDirectory facilities)
{
    public async Task<ReferralCaller> ResolveAsync(ReferralActor actor, CancellationToken cancellationToken = default)
    {
        var known = new List<CallerFacility>();
        foreach (var id in actor.Facilities.Distinct(StringComparer.Ordinal))
        {
            // A facility the registry does not know gives no reach: it sends and receives no referral.
            if (await facilities.FindAsync(id, cancellationToken) is { } f)
            {
                known.Add(new CallerFacility(f.Id, f.Level, f.District, f.Services));
            }
        }
        return new ReferralCaller(actor.Roles.ToHashSet(StringComparer.Ordinal), known, actor.Districts.ToHashSet(StringComparer.Ordinal));
    }
}
