using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Reference;

/// <summary>
/// Adjustment reasons as reference data (issue 18, item 5): an admin adds, renames, deactivates and imports them; a
/// report takes the sign of its reason; a reason's direction never changes. Every test makes the reasons it looks at.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AdjustmentReasonApiTests(GatewayFactory gateway)
{
    private static object Reason(string name, string direction, string category, bool? active = null) =>
        active is null ? new { name, direction, category } : new { name, direction, category, active };

    private static async Task<JsonElement> Get(HttpClient client, string code) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/adjustment-reasons/{code}");

    private static async Task<List<string>> Codes(HttpClient client, string query = "") =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/adjustment-reasons?pageSize=500" + query)).GetProperty("items")
            .EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];

    private async Task<int> StockAfterAdjustment(HttpClient pharmacist, string facility, string reason, int quantity)
    {
        await pharmacist.PostAccepted(facility, new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "adjustment", quantity, reason,
            occurredAt = gateway.HoursAgo(1) });
        return await pharmacist.Soh(facility);
    }

    [Fact]
    public async Task A_reason_an_admin_adds_is_listed_offered_and_signs_reports_by_its_direction()
    {
        await gateway.RegisterFacility("adj-r-phc", "adj-r-d");
        using var admin = await gateway.ClientFor("admin");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["adj-r-phc"]);

        var created = await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-cold-chain", Reason("Cold chain failure", "debit", "damage"));
        var credit = await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-donation", Reason("Donation from a partner", "credit", "other"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (created.StatusCode, credit.StatusCode));
        var read = await Get(pharmacist, "adj-cold-chain");
        Assert.Equal(("Cold chain failure", "debit", "damage", true), (read.GetProperty("name").GetString(), read.GetProperty("direction").GetString(),
            read.GetProperty("category").GetString(), read.GetProperty("active").GetBoolean()));
        using var anonymous = gateway.CreateClient();
        var offered = (await anonymous.GetFromJsonAsync<JsonElement>("/app-config.json")).GetProperty("adjustmentReasons").EnumerateArray()
            .Single(r => r.GetProperty("reason").GetString() == "adj-cold-chain");
        Assert.Equal(("Cold chain failure", false, true), (offered.GetProperty("name").GetString(), offered.GetProperty("credit").GetBoolean(),
            offered.GetProperty("active").GetBoolean()));

        await pharmacist.PostAccepted("adj-r-phc", new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "receipt", quantity = 100,
            occurredAt = gateway.HoursAgo(5) });
        Assert.Equal(70, await StockAfterAdjustment(pharmacist, "adj-r-phc", "adj-cold-chain", 30));
        Assert.Equal(75, await StockAfterAdjustment(pharmacist, "adj-r-phc", "adj-donation", 5));
        // The ledger keeps each adjustment's sign: one debit, one credit.
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        await using var signs = new Npgsql.NpgsqlCommand(
            "SELECT string_agg(reason || '=' || credit, ',' ORDER BY reason) FROM mh.stock_event WHERE facility = 'adj-r-phc' AND type = 'adjustment'",
            connection);
        Assert.Equal("adj-cold-chain=false,adj-donation=true", (string?)await signs.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_reasons_direction_never_changes_but_its_name_and_category_may()
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-fixed", Reason("Expired in transit", "debit", "expiry"))).EnsureSuccessStatusCode();

        var turned = await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-fixed", Reason("Expired in transit", "credit", "expiry"));
        var renamed = await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-fixed", Reason("Expired on the road", "debit", "loss"));

        Assert.Equal(HttpStatusCode.Conflict, turned.StatusCode);
        var problem = await turned.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("reference.reason_direction_fixed", "direction"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Contains("Expired in transit (adj-fixed) is a debit reason", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var read = await Get(admin, "adj-fixed");
        Assert.Equal(("Expired on the road", "debit", "loss"), (read.GetProperty("name").GetString(), read.GetProperty("direction").GetString(),
            read.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task An_inactive_reason_is_no_longer_offered_or_listed_but_a_late_report_naming_it_is_kept()
    {
        await gateway.RegisterFacility("adj-i-phc", "adj-i-d");
        using var admin = await gateway.ClientFor("admin");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["adj-i-phc"]);
        (await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-retired", Reason("Recalled by the maker", "debit", "other"))).EnsureSuccessStatusCode();
        await pharmacist.PostAccepted("adj-i-phc", new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "receipt", quantity = 50,
            occurredAt = gateway.HoursAgo(5) });

        (await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-retired", Reason("Recalled by the maker", "debit", "other", active: false)))
            .EnsureSuccessStatusCode();

        Assert.DoesNotContain("adj-retired", await Codes(admin));
        Assert.Contains("adj-retired", await Codes(admin, "&includeInactive=true"));
        // A phone offline since before the change still sends it: the report counts.
        Assert.Equal(40, await StockAfterAdjustment(pharmacist, "adj-i-phc", "adj-retired", 10));
        // A reason nobody made is refused, naming the field and the reasons in use (not the inactive one).
        var results = await (await pharmacist.PostEvents("adj-i-phc", new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "adjustment",
            quantity = 1, reason = "adj-nobody", occurredAt = gateway.HoursAgo(1) })).Results();
        var refused = results.Single();
        Assert.Equal(("rejected", "reason", "invalid"), (refused.Outcome(), refused.ErrorField(), refused.ErrorCode()));
        var error = refused.GetProperty("error");
        Assert.Equal("reason_invalid", error.GetProperty("messageCode").GetString());
        var text = error.GetProperty("message").GetString()!;
        Assert.Contains("damaged", text);
        Assert.DoesNotContain("adj-retired", text);
        Assert.Equal(40, await pharmacist.Soh("adj-i-phc"));
    }

    [Fact]
    public async Task An_import_is_all_or_nothing_and_names_each_bad_cell_by_line()
    {
        using var admin = await gateway.ClientFor("admin");
        var bad = await admin.PostAsync("/api/v1/adjustment-reasons/import", new StringContent(
            "code,name,direction,category,active\nadj-imp-1,Passed open-vial time limit,debit,expiry,true\nadj-imp-2,Cold chain,up,weather,maybe\n",
            Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["line3.active", "line3.category", "line3.direction"], (await bad.ErrorFields()).Order().ToList());
        Assert.DoesNotContain("adj-imp-1", await Codes(admin, "&includeInactive=true"));

        var good = await admin.PostAsync("/api/v1/adjustment-reasons/import", new StringContent(
            "code,name,direction,category,active\nadj-imp-1,Passed open-vial time limit,debit,expiry,true\nadj-imp-2,Cold chain failure,debit,damage,false\n",
            Encoding.UTF8, "text/csv"));
        var json = await admin.PostAsync("/api/v1/adjustment-reasons/import", new StringContent(
            """{ "reasons": [ { "code": "adj-imp-2", "name": "Cold chain failure", "direction": "debit", "category": "damage", "active": true } ] }""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var counts = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 2, 0), (counts.GetProperty("received").GetInt32(), counts.GetProperty("created").GetInt32(), counts.GetProperty("updated").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.True((await Get(admin, "adj-imp-2")).GetProperty("active").GetBoolean());

        // An import that would turn one reason is refused whole: the other line is not written either.
        var turning = await admin.PostAsync("/api/v1/adjustment-reasons/import", new StringContent(
            "code,name,direction,category\nadj-imp-3,Found in the store,credit,found\nadj-imp-1,Passed open-vial time limit,credit,expiry\n",
            Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Conflict, turning.StatusCode);
        Assert.DoesNotContain("adj-imp-3", await Codes(admin, "&includeInactive=true"));
    }

    [Fact]
    public async Task Only_admins_write_reasons_and_bad_fields_are_named()
    {
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["adj-r-phc"]);
        using var admin = await gateway.ClientFor("admin");

        var forbidden = await pharmacist.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-nope", Reason("Nope", "debit", "loss"));
        var invalid = await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/adj-nope", new { name = "", direction = "down", category = "lost" });
        var missing = await admin.GetAsync("/api/v1/adjustment-reasons/adj-nope");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["category", "direction", "name"], (await invalid.ErrorFields()).Order().ToList());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
