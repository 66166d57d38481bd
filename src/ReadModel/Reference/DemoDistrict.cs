using MhSupply.Stock;

namespace MhSupply.Reference;

/// <summary>The demo district loaded by ./run.sh: one facility of every level, and who works where.</summary>
public static class DemoDistrict
{
    public const string District = "demo-district";
    public const string Region = "demo-region";

    /// <summary>The names the demo district and region are shown by (migration 0178), in English, French and Arabic.</summary>
    public static IReadOnlyList<(string Id, string Level, string Name, IReadOnlyDictionary<string, string> Names)> Places { get; } =
    [
        (District, "district", "Lakeside District", new Dictionary<string, string> { ["fr"] = "District du Lac", ["ar"] = "مقاطعة البحيرة" }),
        (Region, "region", "Northern Region", new Dictionary<string, string> { ["fr"] = "Région du Nord", ["ar"] = "المنطقة الشمالية" }),
    ];

    /// <summary>The specialist clinician of the district hospital's mental health unit (the receiving end of referrals).</summary>
    public const string SpecialistSub = "specialist.smh";

    /// <summary>
    /// The demo facilities, opened in the month the demo stock history starts (scripts/demo-stock.sh: 125 days back), so
    /// Camp A's history covers what it owes and the facilities that never reported show as overdue.
    /// </summary>
    public static IReadOnlyList<FacilityRecord> Facilities(DateOnly today)
    {
        var start = today.AddDays(-125);
        var opened = new DateOnly(start.Year, start.Month, 1);
        return
        [
            new("phc-camp-a", "Camp A Health Centre", FacilityLevel.Phc.ToWireName(), District, Region, ["psychosocial_support"], true, opened),
            new("phc-camp-b", "Camp B Health Post", FacilityLevel.Phc.ToWireName(), District, Region, [], true, opened),
            new("smh-district", "District Hospital Mental Health Unit", FacilityLevel.Specialist.ToWireName(), District, Region,
                ["psychiatric_consultation", "psychological_intervention", "inpatient_care"], true, opened),
            new("cmh-outreach", "Community Psychosocial Outreach", FacilityLevel.Community.ToWireName(), District, Region,
                ["psychosocial_support", "protection"], true, opened),
            new("wh-district", "District Medical Store", FacilityLevel.Warehouse.ToWireName(), District, Region, [], true, opened),
        ];
    }

    /// <summary>
    /// One demo user per role, with the scope claims their token carries; two clinicians, one at each end of a referral
    /// (Camp A refers, the district hospital's specialist accepts, sees and back-refers), so the demo closes the loop.
    /// </summary>
    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("pharmacist.campa", "pharmacist", ["phc-camp-a"], []),
        new("clinician.campa", "clinician", ["phc-camp-a"], []),
        new(SpecialistSub, "clinician", ["smh-district"], []),
        new("chw.outreach", "community_worker", ["cmh-outreach"], []),
        new("pharmacist.store", "pharmacist", ["wh-district"], []),
        new("head.campa", "facility_head", ["phc-camp-a"], []),
        new("coordinator.district", "referral_coordinator", [], [District]),
        new("manager.district", "district_manager", [], [District]),
        new("admin", "admin", [], []),
    ];
}

public sealed record DemoUser(string Sub, string Role, string[] Facilities, string[] Districts);
