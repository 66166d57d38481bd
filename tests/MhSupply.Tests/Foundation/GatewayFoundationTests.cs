using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Foundation;

[Collection(GatewayCollection.Name)]
public sealed class GatewayFoundationTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Ready_is_200_when_PostgreSQL_and_the_cluster_answer()
    {
        using var client = gateway.CreateClient();
        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("orleans").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_call_without_a_token_is_401_problem_details()
    {
        using var client = gateway.CreateClient();
        var response = await client.GetAsync("/api/v1/facilities/phc-a");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_answers_are_compressed_for_a_client_that_accepts_it_and_read_the_same()
    {
        using var client = await gateway.ClientFor("admin");
        using var plain = await client.GetAsync("/api/v1/medicines?pageSize=500");
        var plainBody = await plain.Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/medicines?pageSize=500");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var compressed = await client.SendAsync(request);
        var bytes = await compressed.Content.ReadAsByteArrayAsync();

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
        Assert.True(bytes.Length * 2 < System.Text.Encoding.UTF8.GetByteCount(plainBody), $"{bytes.Length} bytes for {plainBody.Length} characters");
        using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(plainBody, await new StreamReader(brotli).ReadToEndAsync());
    }

    [Fact]
    public async Task Api_call_with_a_forged_token_is_401()
    {
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJlLW5vdC12YWxpZA");
        var response = await client.GetAsync("/api/v1/facilities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_scoped_to_another_facility_is_403_and_own_facility_is_200()
    {
        await SeedFacility("found-phc-1", "found-district-1");
        await SeedFacility("found-phc-2", "found-district-1");

        using var other = await gateway.ClientFor("facility_head", facilities: ["found-phc-2"]);
        using var own = await gateway.ClientFor("facility_head", facilities: ["found-phc-1"]);

        var forbidden = await other.GetAsync("/api/v1/facilities/found-phc-1");
        var allowed = await own.GetAsync("/api/v1/facilities/found-phc-1");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task District_claim_covers_the_facilities_of_that_district_only()
    {
        await SeedFacility("found-phc-3", "found-district-2");
        await SeedFacility("found-phc-4", "found-district-3");
        using var manager = await gateway.ClientFor("district_manager", districts: ["found-district-2"]);

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/facilities/found-phc-3")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/facilities/found-phc-4")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_manage_facilities_and_bad_input_names_the_field()
    {
        using var head = await gateway.ClientFor("facility_head", facilities: ["found-phc-5"]);
        using var admin = await gateway.ClientFor("admin");

        var notAdmin = await head.PutAsJsonAsync("/api/v1/facilities/found-phc-5",
            new { name = "X", level = "phc", district = "d", region = "r" });
        var badLevel = await admin.PutAsJsonAsync("/api/v1/facilities/found-phc-5",
            new { name = "X", level = "clinic", district = "d", region = "r" });
        var badJson = await admin.PutAsync("/api/v1/facilities/found-phc-5",
            new StringContent("{\"name\": 5", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        var problem = await badLevel.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("level", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/facilities/found-phc-5")).StatusCode);
    }

    [Fact]
    public async Task Dev_token_rejects_an_unknown_role_naming_the_field()
    {
        using var client = gateway.CreateClient();
        var response = await client.PostAsJsonAsync("/dev/token", new { sub = "x", role = "superuser" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task OpenApi_document_and_reference_page_are_served()
    {
        using var client = gateway.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/facilities/{facilityId}", out _));

        var page = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Facilities_are_read_from_the_registry_and_listed_within_scope()
    {
        // Written straight to the table, so the answer must come from PostgreSQL, not from the directory's cache.
        await using (var connection = await gateway.Database.DataSource.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO mh.facility (id, name, level, district, region, services) VALUES
                ('found-db-1', 'Registry PHC', 'phc', 'found-district-9', 'region-9', '{psychosocial_support}'),
                ('found-db-2', 'Registry hospital', 'specialist', 'found-district-9', 'region-9', '{}'),
                ('found-db-3', 'Elsewhere', 'phc', 'found-district-10', 'region-9', '{}')
                """;
            await command.ExecuteNonQueryAsync();
        }
        using var manager = await gateway.ClientFor("district_manager", districts: ["found-district-9"]);

        var one = await manager.GetFromJsonAsync<JsonElement>("/api/v1/facilities/found-db-1");
        var list = await manager.GetFromJsonAsync<JsonElement>("/api/v1/facilities?level=phc");

        Assert.Equal("psychosocial_support", one.GetProperty("services")[0].GetString());
        var ids = list.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Equal(["found-db-1"], ids);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    private async Task SeedFacility(string id, string district)
    {
        using var admin = await gateway.ClientFor("admin");
        var response = await admin.PutAsJsonAsync($"/api/v1/facilities/{id}",
            new { name = "Facility " + id, level = "phc", district, region = "region-1" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
