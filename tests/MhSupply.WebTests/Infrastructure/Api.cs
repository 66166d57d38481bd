using System.Net.Http.Json;
using System.Text.Json;

namespace MhSupply.WebTests.Infrastructure;

/// <summary>The API steps the browser tests arrange their data with: what they assert on, they set up themselves.</summary>
public static class Api
{
    public static async Task RegisterFacility(this WebAppFixture app, string id, string district, string level = "phc", string[]? services = null)
    {
        using var admin = await app.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level, district, region = "r", services = services ?? [] }))
            .EnsureSuccessStatusCode();
    }

    public static object StockEvent(string medicine, string type, int quantity, DateTimeOffset at, string? otherFacility = null) =>
        new { id = Guid.NewGuid(), medicine, type, quantity, occurredAt = at, otherFacility };

    /// <summary>Posts a batch and expects every event accepted.</summary>
    public static async Task PostAccepted(this HttpClient client, string facility, params object[] events)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new { events });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.All(JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray(),
            r => Assert.True(r.GetProperty("outcome").GetString() == "accepted", text));
    }

    public static async Task<JsonElement> StockItem(this HttpClient client, string facility, string medicine)
    {
        var stock = await client.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock");
        return stock.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("medicine").GetString() == medicine);
    }

    public static async Task<Guid> Refer(this HttpClient client, string from, string to, string urgency, DateTimeOffset at, string code)
    {
        var id = Guid.NewGuid();
        var response = await client.PostAsJsonAsync("/api/v1/referrals", new
        {
            id,
            patient = new { code, sex = "female", birthYear = 1990 },
            fromFacility = from,
            toFacility = to,
            reason = "depression",
            urgency,
            consent = true,
            at,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return id;
    }

    private static Dictionary<string, string>? s_medicineNames;

    /// <summary>A medicine's name as the app shows it: name, strength and form.</summary>
    public static async Task<string> MedicineName(this WebAppFixture app, string code)
    {
        if (s_medicineNames is null)
        {
            using var admin = await app.ClientFor("admin");
            var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines?pageSize=500");
            s_medicineNames = list.GetProperty("items").EnumerateArray().ToDictionary(m => m.GetProperty("code").GetString()!,
                m => string.Join(' ', new[] { "name", "strength", "form" }.Select(f => m.GetProperty(f).GetString()).Where(v => !string.IsNullOrEmpty(v))));
        }
        return s_medicineNames[code];
    }

    public static async Task RunJob(this WebAppFixture app, string job)
    {
        using var admin = await app.ClientFor("admin");
        (await admin.PostAsync($"/api/v1/admin/jobs/{job}/run", null)).EnsureSuccessStatusCode();
    }
}
