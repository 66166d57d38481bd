using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Referrals;

/// <summary>Which facility offers which mental health service, found by district and service (where to refer to).</summary>
[Collection(GatewayCollection.Name)]
public sealed class ServiceDirectoryTests(GatewayFactory gateway)
{
    [Fact]
    public async Task The_directory_lists_the_facilities_of_a_district_offering_a_service_and_only_those()
    {
        var kit = await new ReferralTestKit(gateway, "dir").RegisterAsync();
        var other = await new ReferralTestKit(gateway, "dir2").RegisterAsync();
        using var admin = await gateway.ClientFor("admin");
        // A second specialist service in the district offering two services, and one that closed (inactive).
        (await admin.PutAsJsonAsync("/api/v1/facilities/dir-hospital", new
        {
            name = "District hospital", level = "specialist", district = kit.District, region = "r",
            services = new[] { "inpatient_care", "psychiatric_consultation" },
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/facilities/dir-closed", new
        {
            name = "Closed clinic", level = "specialist", district = kit.District, region = "r",
            services = new[] { "psychiatric_consultation" }, active = false,
        })).EnsureSuccessStatusCode();
        using var clinician = await kit.ReferringClinician();

        var psychiatry = await Facilities(clinician, $"district={kit.District}&service=psychiatric_consultation");
        var inpatient = await Facilities(clinician, $"district={kit.District}&service=inpatient_care");
        var anyService = await Facilities(clinician, $"district={kit.District}");

        Assert.Equal(new[] { "dir-hospital", kit.Specialist }.Order(), psychiatry.Order());
        Assert.Equal(["dir-hospital"], inpatient);
        // The PHC offers no referral service; the other district's services are not listed.
        Assert.Equal(new[] { "dir-hospital", kit.Community, kit.Specialist }.Order(), anyService.Order());
        Assert.DoesNotContain(other.Specialist, anyService);
    }

    private static async Task<List<string>> Facilities(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services?{query}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("facility").GetString()!).ToList();
    }
}
