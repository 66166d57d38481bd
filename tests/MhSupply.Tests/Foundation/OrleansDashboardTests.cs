using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Gateway.Admin;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Foundation;

/// <summary>
/// The Orleans dashboard the gateway serves at /dashboard, over the co-hosted silo: for admins only, under the rule that
/// guards /hangfire, on its page and on the API its page polls alike.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OrleansDashboardTests(GatewayFactory gateway)
{
    [Theory]
    [InlineData(null, "/dashboard/", HttpStatusCode.Unauthorized)]
    [InlineData(null, "/dashboard/DashboardCounters", HttpStatusCode.Unauthorized)]
    [InlineData("facility_head", "/dashboard/", HttpStatusCode.Forbidden)]
    [InlineData("district_manager", "/dashboard/DashboardCounters", HttpStatusCode.Forbidden)]
    [InlineData("pharmacist", "/dashboard/index.min.js", HttpStatusCode.Forbidden)]
    public async Task The_dashboard_is_refused_to_anyone_but_an_admin_as_hangfire_is(string? role, string path, HttpStatusCode expected)
    {
        using var caller = role is null ? gateway.CreateClient() : await gateway.ClientFor(role, facilities: ["x"], districts: ["d"]);

        var dashboard = await caller.GetAsync(path);
        var hangfire = await caller.GetAsync(HangfireDashboard.Path);

        Assert.Equal(expected, dashboard.StatusCode);
        Assert.Equal(hangfire.StatusCode, dashboard.StatusCode);
    }

    [Fact]
    public async Task An_admin_gets_the_dashboard_page()
    {
        using var admin = await gateway.ClientFor("admin");

        var response = await admin.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_browser_passes_the_token_once_and_the_page_s_own_requests_carry_it_in_a_cookie_for_the_dashboard_only()
    {
        var token = await AdminToken();
        using var browser = gateway.CreateClient();

        var page = await browser.GetAsync($"/dashboard/?access_token={token}");
        var api = await browser.GetAsync("/dashboard/DashboardCounters");
        var hangfire = await browser.GetAsync(HangfireDashboard.Path);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hangfire.StatusCode);
    }

    [Fact]
    public async Task The_silo_reports_itself_and_its_grains_to_the_dashboard()
    {
        await gateway.RegisterFacility("dashboard-phc", "dashboard-d");
        using var admin = await gateway.ClientFor("admin");

        // The dashboard grain gathers the silos' counters every second or so: the first answers may be empty.
        JsonElement counters = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            counters = await admin.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters");
            if (counters.GetProperty("totalActiveHostCount").GetInt32() >= 1
                && counters.GetProperty("simpleGrainStats").EnumerateArray().Any(IsOurs))
            {
                break;
            }
        }

        Assert.Equal(1, counters.GetProperty("totalActiveHostCount").GetInt32());
        Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        Assert.Contains(counters.GetProperty("simpleGrainStats").EnumerateArray(), IsOurs);
    }

    private static bool IsOurs(JsonElement grainStat) =>
        grainStat.GetProperty("grainType").GetString()?.StartsWith("MhSupply.", StringComparison.Ordinal) == true
        && grainStat.GetProperty("activationCount").GetInt32() > 0;

    private async Task<string> AdminToken()
    {
        using var client = gateway.CreateClient();
        var response = await client.PostAsJsonAsync("/dev/token", new { sub = "admin-user", role = "admin", facilities = Array.Empty<string>(), districts = Array.Empty<string>() });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
