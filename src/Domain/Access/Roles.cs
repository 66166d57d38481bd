namespace MhSupply.Access;

/// <summary>The roles of the API contract (docs/api.md "Auth"), as carried in the <c>role</c> claim.</summary>
public static class Roles
{
    public const string Pharmacist = "pharmacist";
    public const string Clinician = "clinician";
    public const string CommunityWorker = "community_worker";
    public const string FacilityHead = "facility_head";
    public const string ReferralCoordinator = "referral_coordinator";
    public const string DistrictManager = "district_manager";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } =
        [Pharmacist, Clinician, CommunityWorker, FacilityHead, ReferralCoordinator, DistrictManager, Admin];
}
