using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Reference;

/// <summary>
/// A gateway of its own: a replace import retires every item it omits, which would change what other collections'
/// tests see. Every test here creates the items it looks at, so the tests hold in any order.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MedicineApiCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "medicine-api";
}

/// <summary>The medicines list (docs/api.md "Reference data"; domain: items are retired, never deleted).</summary>
[Collection(MedicineApiCollection.Name)]
public sealed class MedicineApiTests(GatewayFactory gateway)
{
    private static object Body(string name = "Sertraline", string unit = "tablet") =>
        new { name, form = "tablet", strength = "50 mg", unit, atc = "N06AB06", category = "antidepressant", tracer = false };

    private async Task<HttpClient> Admin() => await gateway.ClientFor("admin");

    private static async Task Put(HttpClient admin, string code, string name = "Sertraline") =>
        (await admin.PutAsJsonAsync($"/api/v1/medicines/{code}", Body(name))).EnsureSuccessStatusCode();

    private static async Task<List<string?>> ListedCodes(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/medicines?pageSize=500" + query)).GetProperty("items").EnumerateArray()
            .Select(m => m.GetProperty("code").GetString()).ToList();

    private static async Task<JsonElement> Get(HttpClient client, string code) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/medicines/{code}");

    private static async Task<List<string>> ErrorFields(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task List_is_paged()
    {
        using var admin = await Admin();
        foreach (var code in new[] { "mapi-page-1", "mapi-page-2", "mapi-page-3", "mapi-page-4" })
        {
            await Put(admin, code);
        }
        var all = await ListedCodes(admin);

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines?page=2&pageSize=3");

        // The second page of three is the 4th to 6th item of the whole list, whose size is the total.
        Assert.Equal(
            (2, 3, (long)all.Count, string.Join(",", all.Skip(3).Take(3))),
            (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32(), page.GetProperty("total").GetInt64(),
                string.Join(",", page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("code").GetString()))));
    }

    [Fact]
    public async Task Retired_items_are_hidden_from_the_list_by_default()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-hidden-1");
        (await admin.PostAsync("/api/v1/medicines/mapi-hidden-1/retire", null)).EnsureSuccessStatusCode();

        Assert.DoesNotContain("mapi-hidden-1", await ListedCodes(admin));
    }

    [Fact]
    public async Task Retired_items_are_listed_with_includeRetired()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-hidden-2");
        (await admin.PostAsync("/api/v1/medicines/mapi-hidden-2/retire", null)).EnsureSuccessStatusCode();

        Assert.Contains("mapi-hidden-2", await ListedCodes(admin, "&includeRetired=true"));
    }

    [Fact]
    public async Task Admin_put_creates_an_item_then_updates_it()
    {
        using var admin = await Admin();

        var created = await admin.PutAsJsonAsync("/api/v1/medicines/mapi-put-1", Body("Sertraline"));
        var updated = await admin.PutAsJsonAsync("/api/v1/medicines/mapi-put-1", Body("Sertraline hydrochloride"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (created.StatusCode, updated.StatusCode));
        Assert.Equal("Sertraline hydrochloride", (await Get(admin, "mapi-put-1")).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("pharmacist")]
    [InlineData("district_manager")]
    public async Task Put_by_a_non_admin_is_forbidden_and_creates_nothing(string role)
    {
        using var client = await gateway.ClientFor(role, facilities: ["mapi-f"], districts: ["mapi-d"]);
        var code = "mapi-put-by-" + role.Replace('_', '-');

        var response = await client.PutAsJsonAsync($"/api/v1/medicines/{code}", Body());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/medicines/{code}")).StatusCode);
    }

    [Fact]
    public async Task Put_without_a_name_is_a_bad_request_naming_name()
    {
        using var admin = await Admin();

        var response = await admin.PutAsJsonAsync("/api/v1/medicines/mapi-no-name",
            new { form = "tablet", strength = "50 mg", unit = "tablet", category = "antidepressant", tracer = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("name", await ErrorFields(response));
    }

    [Fact]
    public async Task Csv_import_extends_the_list_creating_new_items_and_updating_existing_ones()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-csv-old", "Old name");
        var csv = """
            code,name,form,strength,unit,atc,category,tracer,levels
            mapi-csv-old,New name,tablet,50 mg,tablet,N06AB06,antidepressant,true,phc
            mapi-csv-new,Escitalopram,tablet,10 mg,tablet,N06AB10,antidepressant,false,phc;specialist
            """;

        var response = await admin.PostAsync("/api/v1/medicines/import", Csv(csv));

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.OK, 1, 1), (response.StatusCode, result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32()));
        Assert.Equal("New name", (await Get(admin, "mapi-csv-old")).GetProperty("name").GetString());
        Assert.Equal("Escitalopram", (await Get(admin, "mapi-csv-new")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Json_import_creates_the_items_it_holds()
    {
        using var admin = await Admin();
        var json = new
        {
            medicines = new object[]
            {
                new { code = "mapi-json-1", name = "Olanzapine", form = "tablet", strength = "10 mg", unit = "tablet", category = "antipsychotic", tracer = true },
                new { code = "mapi-json-2", name = "Quetiapine", form = "tablet", strength = "100 mg", unit = "tablet", category = "antipsychotic" },
            },
        };

        var response = await admin.PostAsJsonAsync("/api/v1/medicines/import", json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Olanzapine", "Quetiapine"),
            ((await Get(admin, "mapi-json-1")).GetProperty("name").GetString(), (await Get(admin, "mapi-json-2")).GetProperty("name").GetString()));
    }

    /// <summary>A replace import holding one new item: everything else on the list is retired.</summary>
    private static async Task ReplaceWithOnly(HttpClient admin, string code)
    {
        var csv = $"""
            code,name,form,strength,unit,category,levels
            {code},Sertraline,tablet,50 mg,tablet,antidepressant,phc
            """;
        (await admin.PostAsync("/api/v1/medicines/import?mode=replace", Csv(csv))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Replace_import_retires_the_items_it_omits()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-replaced-1");

        await ReplaceWithOnly(admin, "mapi-replacement-1");

        Assert.DoesNotContain("mapi-replaced-1", await ListedCodes(admin));
        Assert.Contains("mapi-replacement-1", await ListedCodes(admin));
    }

    [Fact]
    public async Task Items_retired_by_a_replace_import_stay_readable()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-replaced-2");

        await ReplaceWithOnly(admin, "mapi-replacement-2");

        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines?pageSize=500&includeRetired=true")).GetProperty("items")
            .EnumerateArray().Single(m => m.GetProperty("code").GetString() == "mapi-replaced-2");
        Assert.True(listed.GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task Replace_import_that_fails_while_retiring_changes_nothing()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-tx-omitted");
        // Stands in for any failure after the import's items are written (a dropped connection, a deadlock): PostgreSQL
        // refuses to retire this one item. Before the import was one transaction, its new item stayed on the list.
        await Sql("""
            CREATE FUNCTION mh.test_refuse_retirement() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'retirement refused by the test'; END $$;
            CREATE TRIGGER test_refuse_retirement BEFORE UPDATE ON mh.medicine FOR EACH ROW
            WHEN (NEW.code = 'mapi-tx-omitted' AND NEW.retired_at IS NOT NULL) EXECUTE FUNCTION mh.test_refuse_retirement();
            """);
        HttpResponseMessage response;
        try
        {
            var csv = """
                code,name,form,strength,unit,category,levels
                mapi-tx-new,Sertraline,tablet,50 mg,tablet,antidepressant,phc
                """;
            response = await admin.PostAsync("/api/v1/medicines/import?mode=replace", Csv(csv));
        }
        finally
        {
            await Sql("DROP TRIGGER test_refuse_retirement ON mh.medicine; DROP FUNCTION mh.test_refuse_retirement();");
        }

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/medicines/mapi-tx-new")).StatusCode);
        Assert.Contains("mapi-tx-omitted", await ListedCodes(admin));
    }

    private async Task Sql(string sql)
    {
        await using var command = gateway.Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Replace_import_puts_back_on_the_list_a_retired_item_it_holds()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-comeback-1");
        (await admin.PostAsync("/api/v1/medicines/mapi-comeback-1/retire", null)).EnsureSuccessStatusCode();

        await ReplaceWithOnly(admin, "mapi-comeback-1");

        Assert.Contains("mapi-comeback-1", await ListedCodes(admin));
    }

    [Fact]
    public async Task A_facility_stock_list_shows_items_added_and_drops_items_retired_after_it_was_first_read()
    {
        using var admin = await Admin();
        var facility = await gateway.RegisterFacility("mapi-list-phc", "mapi-d");
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        async Task<List<string?>> Listed() => (await head.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("medicine").GetString()).ToList();
        Assert.DoesNotContain("mapi-later-1", await Listed());

        (await admin.PutAsJsonAsync("/api/v1/medicines/mapi-later-1", new
        {
            name = "Later", form = "tablet", strength = "5 mg", unit = "tablet", category = "antipsychotic", tracer = false, levels = new[] { "phc" },
        })).EnsureSuccessStatusCode();
        Assert.Contains("mapi-later-1", await Listed());

        (await admin.PostAsync("/api/v1/medicines/mapi-later-1/retire", null)).EnsureSuccessStatusCode();
        Assert.DoesNotContain("mapi-later-1", await Listed());
    }

    [Fact]
    public async Task Stock_events_for_an_item_retired_by_a_replace_import_are_still_accepted()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-replaced-3");
        await ReplaceWithOnly(admin, "mapi-replacement-3");
        Assert.True((await Get(admin, "mapi-replaced-3")).GetProperty("retired").GetBoolean(), "precondition: the import retired the item");
        var facility = await gateway.RegisterFacility("mapi-phc", "mapi-d");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);

        var results = await pharmacist.SubmitStock(facility,
            ApiSteps.StockEvent("mapi-replaced-3", "receipt", 25, gateway.Clock.GetUtcNow().AddHours(-2)));

        Assert.Equal("accepted", Assert.Single(results).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Invalid_json_import_names_the_field_and_changes_nothing()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-atomic-old", "Before");
        var json = new
        {
            medicines = new object[]
            {
                new { code = "mapi-atomic-old", name = "After", form = "tablet", strength = "50 mg", unit = "tablet", category = "antidepressant" },
                new { code = "mapi-atomic-new", name = "Paroxetine", form = "tablet", strength = "20 mg", category = "antidepressant" },
            },
        };

        var response = await admin.PostAsJsonAsync("/api/v1/medicines/import?mode=replace", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("medicines[1].unit", await ErrorFields(response));
        Assert.Equal(("Before", false), ((await Get(admin, "mapi-atomic-old")).GetProperty("name").GetString(),
            (await Get(admin, "mapi-atomic-old")).GetProperty("retired").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/medicines/mapi-atomic-new")).StatusCode);
    }

    [Fact]
    public async Task Invalid_csv_import_names_the_line_and_field_and_changes_nothing()
    {
        using var admin = await Admin();
        var csv = """
            code,name,form,strength,unit,category
            mapi-csv-atomic-1,Sertraline,tablet,50 mg,tablet,antidepressant
            mapi-csv-atomic-2,Paroxetine,tablet,20 mg,tablet,
            """;

        var response = await admin.PostAsync("/api/v1/medicines/import", Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line3.category", await ErrorFields(response));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/medicines/mapi-csv-atomic-1")).StatusCode);
    }

    [Fact]
    public async Task Retire_marks_an_item_retired()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-retire-1");

        var response = await admin.PostAsync("/api/v1/medicines/mapi-retire-1/retire", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await Get(admin, "mapi-retire-1")).GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task Reinstate_brings_a_retired_item_back_onto_the_list()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-reinstate-1");
        (await admin.PostAsync("/api/v1/medicines/mapi-reinstate-1/retire", null)).EnsureSuccessStatusCode();

        var response = await admin.PostAsync("/api/v1/medicines/mapi-reinstate-1/reinstate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("mapi-reinstate-1", await ListedCodes(admin));
    }

    [Fact]
    public async Task Retire_by_a_non_admin_is_forbidden()
    {
        using var admin = await Admin();
        await Put(admin, "mapi-retire-2");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["mapi-f"]);

        var response = await pharmacist.PostAsync("/api/v1/medicines/mapi-retire-2/retire", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((await Get(admin, "mapi-retire-2")).GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task Retiring_an_unknown_item_is_not_found()
    {
        using var admin = await Admin();

        var response = await admin.PostAsync("/api/v1/medicines/mapi-never-listed/retire", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
