using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MhSupply.Tests.Infrastructure;

/// <summary>The API steps most tests begin with: register a facility, report stock events, read alerts.</summary>
public static class ApiSteps
{
    public static async Task<string> RegisterFacility(this GatewayFactory gateway, string id, string district, string level = "phc")
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level, district, region = "r" })).EnsureSuccessStatusCode();
        return id;
    }

    public static object StockEvent(string medicine, string type, int quantity, DateTimeOffset at) =>
        new { id = Guid.NewGuid(), medicine, type, quantity, occurredAt = at };

    /// <summary>Posts a batch, expects a 200, and returns the per-event results.</summary>
    public static async Task<List<JsonElement>> SubmitStock(this HttpClient client, string facility, params object[] events)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new { events });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    }

    /// <summary>Posts a batch and expects every event accepted.</summary>
    public static async Task PostAccepted(this HttpClient client, string facility, params object[] events) =>
        Assert.All(await client.SubmitStock(facility, events), r => Assert.Equal("accepted", r.GetProperty("outcome").GetString()));

    public static async Task<List<JsonElement>> AlertItems(this HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts" + query)).GetProperty("items").EnumerateArray().ToList();

    /// <summary>Runs the alert scan now, as an admin would, on the app's clock.</summary>
    public static async Task RunAlertScan(this GatewayFactory gateway)
    {
        using var admin = await gateway.ClientFor("admin");
        var response = await admin.PostAsync("/api/v1/admin/jobs/alert-scan/run", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Alerts of the list with this query, as an admin sees them (everything).</summary>
    public static async Task<List<JsonElement>> AdminAlerts(this GatewayFactory gateway, string query)
    {
        using var admin = await gateway.ClientFor("admin");
        return await admin.AlertItems(query);
    }

    /// <summary>One alert with its history, as an admin sees it.</summary>
    public static async Task<JsonElement> AdminAlert(this GatewayFactory gateway, string id)
    {
        using var admin = await gateway.ClientFor("admin");
        return await admin.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}");
    }
}
