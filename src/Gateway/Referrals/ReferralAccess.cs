using System.Security.Claims;
using MhSupply.Gateway.Auth;
using MhSupply.Reference;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Works out in which capacities a caller stands to a referral (domain ReferralRole names), from their token's role and
/// facility/district claims and the referral's facilities: least privilege, decided per referral.
/// </summary>
public sealed class ReferralAccess(FacilityDirectory facilities)
{
    public sealed record Reach(string[] Capacities, string? Facility, bool CanRead, bool SeesContact, bool SeesDiagnosis);

    public async Task<Reach> ForAsync(ClaimsPrincipal user, string fromFacility, string? toFacility, string? toService, string district,
        bool consent, CancellationToken cancellationToken)
    {
        var capacities = new List<string>();
        string? acting = null;
        var mine = user.Facilities();
        if (user.IsAdmin())
        {
            capacities.Add("Admin");
        }
        if (user.IsInRole(Roles.ReferralCoordinator) && user.Districts().Contains(district))
        {
            capacities.Add("Coordinator");
        }
        if (mine.Contains(fromFacility))
        {
            if (user.IsInRole(Roles.Clinician))
            {
                capacities.Add("ReferringClinician");
                acting ??= fromFacility;
            }
            if (user.IsInRole(Roles.CommunityWorker))
            {
                capacities.Add("CommunityWorker");
                acting ??= fromFacility;
            }
        }
        var receiving = toFacility is not null && mine.Contains(toFacility) ? toFacility : null;
        if (receiving is null && toFacility is null && toService is not null)
        {
            // A referral to a service type: any facility of the district that offers it may take it.
            foreach (var id in mine)
            {
                var f = await facilities.FindAsync(id, cancellationToken);
                if (f is not null && f.District == district && f.Services.Contains(toService))
                {
                    receiving = id;
                    break;
                }
            }
        }
        if (receiving is not null)
        {
            if (user.IsInRole(Roles.Clinician))
            {
                capacities.Add("ReceivingClinician");
            }
            if (user.IsInRole(Roles.FacilityHead))
            {
                capacities.Add("ReceivingFacilityHead");
            }
            if (user.IsInRole(Roles.CommunityWorker))
            {
                capacities.Add("CommunityWorker");
            }
            acting = receiving;
        }
        var managerReads = user.IsInRole(Roles.DistrictManager) && user.Districts().Contains(district);
        var headReads = user.IsInRole(Roles.FacilityHead) && mine.Contains(fromFacility);
        var canRead = capacities.Count > 0 || managerReads || headReads;
        // Names and phones only to those who care for or trace the person.
        var seesContact = capacities.Any(c => c is "ReferringClinician" or "ReceivingClinician" or "CommunityWorker" or "Coordinator");
        // Community services see no diagnosis unless the person consented to share it with them.
        var community = user.IsInRole(Roles.CommunityWorker) || (acting is not null
            && (await facilities.FindAsync(acting, cancellationToken))?.Level == FacilityLevels.Community);
        return new Reach(capacities.Distinct().ToArray(), acting, canRead, seesContact, consent || !community);
    }
}
