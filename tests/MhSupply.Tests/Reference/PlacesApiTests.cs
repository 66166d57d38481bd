using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Reference;

/// <summary>
/// Districts and regions by name (GET/PUT /api/v1/places): admins name them, through the place grain; every signed-in
/// user reads the places their claims reach, in each language given.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PlacesApiTests(GatewayFactory gateway)
{
    [Fact]
    public async Task An_admin_names_a_district_and_its_region_and_each_reader_sees_only_the_places_in_reach()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (district, otherDistrict, region) = ($"pl-d-{suffix}", $"pl-o-{suffix}", $"pl-r-{suffix}");
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/pl-f-{suffix}", new { name = "Hill Clinic", level = "phc", district, region })).EnsureSuccessStatusCode();

        var created = await admin.PutAsJsonAsync($"/api/v1/places/{district}", new { level = "district", name = "Hill District", names = new { fr = "District des Collines", ar = "مقاطعة التلال" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        (await admin.PutAsJsonAsync($"/api/v1/places/{region}", new { level = "region", name = "Uplands" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/places/{otherDistrict}", new { level = "district", name = "Elsewhere" })).EnsureSuccessStatusCode();
        // Renamed: the second PUT replaces the first and answers 200.
        var renamed = await admin.PutAsJsonAsync($"/api/v1/places/{district}", new { level = "district", name = "Hill Country District", names = new { fr = "District des Collines" } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        using var manager = await gateway.ClientFor("district_manager", districts: [district]);
        var seen = await Places(manager, "");
        Assert.Contains(seen, p => p.Id == district && p.Name == "Hill Country District" && p.Fr == "District des Collines" && p.Ar is null);
        Assert.Contains(seen, p => p.Id == region && p.Level == "region" && p.Name == "Uplands");
        Assert.DoesNotContain(seen, p => p.Id == otherDistrict);
        Assert.Equal([district], (await Places(manager, "?level=district")).Select(p => p.Id).ToList());

        // A facility's staff reach their facility's district and region.
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [$"pl-f-{suffix}"]);
        Assert.Equal([district, region], (await Places(pharmacist, "")).Where(p => p.Id.EndsWith(suffix, StringComparison.Ordinal)).Select(p => p.Id).Order().ToList());
        Assert.Contains(await Places(admin, ""), p => p.Id == otherDistrict);
    }

    [Fact]
    public async Task A_bad_place_is_refused_naming_each_field_and_only_admins_name_places()
    {
        var id = "pl-bad-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = await gateway.ClientFor("admin");
        var refused = await admin.PutAsJsonAsync($"/api/v1/places/{id}", new { level = "village", name = " ", names = new Dictionary<string, string> { ["French!"] = "x", ["ar"] = new string('a', 201) } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "level", "name", "names.French!", "names.ar" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        Assert.DoesNotContain(await Places(admin, ""), p => p.Id == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/places?level=village")).StatusCode);

        using var manager = await gateway.ClientFor("district_manager", districts: [id]);
        var forbidden = await manager.PutAsJsonAsync($"/api/v1/places/{id}", new { level = "district", name = "Mine" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.DoesNotContain(await Places(admin, ""), p => p.Id == id);
    }

    private sealed record Place(string Id, string Level, string Name, string? Fr, string? Ar);

    private static async Task<List<Place>> Places(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/places" + query);
        return [.. page.GetProperty("items").EnumerateArray().Select(p =>
        {
            var names = p.GetProperty("names");
            string? Of(string lang) => names.TryGetProperty(lang, out var v) ? v.GetString() : null;
            return new Place(p.GetProperty("id").GetString()!, p.GetProperty("level").GetString()!, p.GetProperty("name").GetString()!, Of("fr"), Of("ar"));
        })];
    }
}
