using System.Security.Claims;
using MhSupply.Reference;

namespace MhSupply.Gateway.Auth;

/// <summary>
/// Least privilege over the facility tree: a facility claim covers that facility, a district claim covers every
/// facility in the district, admins cover everything. Roles decide what may be done within that reach.
/// </summary>
public sealed class ScopeChecker(FacilityDirectory facilities)
{
    /// <summary>True when the user's facility or district claims reach the facility (unknown facilities reach nobody but admins).</summary>
    public async Task<bool> CoversFacilityAsync(ClaimsPrincipal user, string facilityId, CancellationToken cancellationToken = default)
    {
        if (user.IsAdmin() || user.Facilities().Contains(facilityId))
        {
            return true;
        }
        var districts = user.Districts();
        if (districts.Count == 0)
        {
            return false;
        }
        var facility = await facilities.FindAsync(facilityId, cancellationToken);
        return facility is not null && districts.Contains(facility.District);
    }

    public static bool CoversDistrict(ClaimsPrincipal user, string district) =>
        user.IsAdmin() || user.Districts().Contains(district);
}
