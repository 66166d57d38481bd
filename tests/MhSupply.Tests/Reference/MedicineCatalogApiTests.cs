using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Reference;

/// <summary>A gateway of its own: replacing the list retires items, which other collections' tests rely on.</summary>
[CollectionDefinition(Name)]
public sealed class MedicineCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "medicines";
}

[Collection(MedicineCollection.Name)]
public sealed class MedicineCatalogApiTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Default_list_is_seeded_and_admins_alone_create_and_update_items()
    {
        using var admin = await gateway.ClientFor("admin");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["x"]);
        var list = await pharmacist.GetFromJsonAsync<JsonElement>("/api/v1/medicines?pageSize=500");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("code").GetString() == "haloperidol-tab-5mg");

        var body = new { name = "Olanzapine", form = "tablet", strength = "10 mg", unit = "tablet", atc = "N05AH03", category = "antipsychotic", tracer = false };
        Assert.Equal(HttpStatusCode.Forbidden, (await pharmacist.PutAsJsonAsync("/api/v1/medicines/olanzapine-tab-10mg", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/v1/medicines/olanzapine-tab-10mg", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/medicines/olanzapine-tab-10mg", body with { tracer = true })).StatusCode);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines/olanzapine-tab-10mg")).GetProperty("tracer").GetBoolean());

        var missingName = await admin.PutAsJsonAsync("/api/v1/medicines/x-1", body with { name = "" });
        Assert.True((await missingName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Invalid_import_changes_nothing_and_names_the_row_and_field()
    {
        using var admin = await gateway.ClientFor("admin");
        var csv = """
            code,name,form,strength,unit,atc,category,tracer,levels
            imp-ok-1,Sertraline,tablet,50 mg,tablet,N06AB06,antidepressant,false,phc;specialist
            imp-bad-2,Bad,tablet,,tablet,,antidepressant,maybe,phc
            """;

        var response = await admin.PostAsync("/api/v1/medicines/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("line3.strength", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/medicines/imp-ok-1")).StatusCode);
    }

    [Fact]
    public async Task National_list_replaces_the_default_one_retiring_what_it_omits_without_deleting_it()
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync("/api/v1/facilities/med-phc", new { name = "P", level = "phc", district = "med-d", region = "r" })).EnsureSuccessStatusCode();
        var json = new
        {
            medicines = new object[]
            {
                new { code = "fluoxetine-cap-20mg", name = "Fluoxetine", form = "capsule", strength = "20 mg", unit = "capsule", category = "antidepressant", tracer = true, levels = new[] { "phc" } },
                new { code = "nat-sertraline-50", name = "Sertraline", form = "tablet", strength = "50 mg", unit = "tablet", category = "antidepressant", tracer = false, levels = new[] { "phc" } },
            },
        };

        var result = await (await admin.PostAsJsonAsync("/api/v1/medicines/import?mode=replace", json)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.True(result.GetProperty("retired").GetInt32() > 20);
        var active = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines?pageSize=500")).GetProperty("items").EnumerateArray()
            .Select(m => m.GetProperty("code").GetString()).Order().ToList();
        Assert.Contains("nat-sertraline-50", active);
        Assert.DoesNotContain("haloperidol-tab-5mg", active);
        var retired = await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines/haloperidol-tab-5mg");
        Assert.True(retired.GetProperty("retired").GetBoolean());

        // Stock already on the shelf can still be reported (written off) after the item is retired.
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["med-phc"]);
        var at = gateway.Clock.GetUtcNow().AddHours(-1);
        var response = await pharmacist.PostAsJsonAsync("/api/v1/facilities/med-phc/stock-events", new
        {
            events = new object[] { new { id = Guid.NewGuid(), medicine = "haloperidol-tab-5mg", type = "receipt", quantity = 5, occurredAt = at } },
        });
        Assert.Equal("accepted", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("outcome").GetString());

        (await admin.PostAsync("/api/v1/medicines/haloperidol-tab-5mg/reinstate", null)).EnsureSuccessStatusCode();
        Assert.False((await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines/haloperidol-tab-5mg")).GetProperty("retired").GetBoolean());
    }
}
