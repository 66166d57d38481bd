using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Referrals;

/// <summary>A small referral network per test: a PHC, a specialist service and a community service in one district.</summary>
internal sealed class ReferralTestKit(GatewayFactory gateway, string prefix)
{
    public string District => prefix + "-d";
    public string Phc => prefix + "-phc";
    public string Specialist => prefix + "-smh";
    public string Community => prefix + "-cmh";

    /// <param name="named">Registers the facilities under these names (PHC, specialist, community) instead of their ids.</param>
    public async Task<ReferralTestKit> RegisterAsync(string[]? named = null)
    {
        using var admin = await gateway.ClientFor("admin");
        var names = new Dictionary<string, string>
        {
            [Phc] = named?[0] ?? Phc, [Specialist] = named?[1] ?? Specialist, [Community] = named?[2] ?? Community,
        };
        foreach (var (id, level, services) in new[]
        {
            (Phc, "phc", Array.Empty<string>()),
            (Specialist, "specialist", new[] { "psychiatric_consultation" }),
            (Community, "community", new[] { "psychosocial_support" }),
        })
        {
            (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = names[id], level, district = District, region = "r", services }))
                .EnsureSuccessStatusCode();
        }
        return this;
    }

    public Task<HttpClient> ReferringClinician() => gateway.ClientFor("clinician", facilities: [Phc], sub: prefix + ".phc-clinician");
    public Task<HttpClient> Psychiatrist() => gateway.ClientFor("clinician", facilities: [Specialist], sub: prefix + ".psychiatrist");
    public Task<HttpClient> CommunityWorker() => gateway.ClientFor("community_worker", facilities: [Community], sub: prefix + ".chw");
    public Task<HttpClient> Coordinator() => gateway.ClientFor("referral_coordinator", districts: [District], sub: prefix + ".coordinator");
    public Task<HttpClient> Manager() => gateway.ClientFor("district_manager", districts: [District], sub: prefix + ".manager");
    public Task<HttpClient> Pharmacist() => gateway.ClientFor("pharmacist", facilities: [Phc], sub: prefix + ".pharmacist");
    public Task<HttpClient> Head(string facility) => gateway.ClientFor("facility_head", facilities: [facility], sub: $"{prefix}.head-{facility}");

    public async Task<(Guid Id, HttpResponseMessage Response)> Refer(HttpClient client, string urgency = "routine", string? to = null,
        string? toService = null, bool consent = true, string? name = null, string? phone = null, DateTimeOffset? at = null, string reason = "psychosis",
        string? from = null, object? consentTo = null)
    {
        var id = Guid.NewGuid();
        var response = await client.PostAsJsonAsync("/api/v1/referrals", new
        {
            id,
            patient = new { code = "PX-" + id.ToString()[..8], sex = "female", birthYear = 1990, name, phone },
            fromFacility = from ?? Phc,
            toFacility = toService is null ? to ?? Specialist : null,
            toService,
            reason,
            urgency,
            consent,
            consentTo,
            at = at ?? gateway.Clock.GetUtcNow().AddMinutes(-1),
        });
        return (id, response);
    }

    public static async Task<HttpResponseMessage> Act(HttpClient client, Guid id, string action, object? body = null) =>
        await client.PostAsJsonAsync($"/api/v1/referrals/{id}/{action}", body ?? new { });

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task RunScan()
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PostAsync("/api/v1/admin/jobs/alert-scan/run", null)).EnsureSuccessStatusCode();
    }

    public async Task<List<JsonElement>> Alerts(string kind, Guid referral)
    {
        using var admin = await gateway.ClientFor("admin");
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?kind={kind}&district={District}&pageSize=500");
        return page.GetProperty("items").EnumerateArray()
            .Where(a => a.TryGetProperty("referral", out var r) && r.GetString() == referral.ToString()).ToList();
    }
}
