using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>GET /api/v1/stock/redistribution (issue 18, item 4), over cards projected from real reports.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RedistributionApiTests(GatewayFactory gateway)
{
    private const string District = "redis-d";

    private async Task Register(string id, string name, string level)
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name, level, district = District, region = "redis-r" })).EnsureSuccessStatusCode();
    }

    /// <summary>A receipt on the 1st of the month three months back, then 30 issued on the 10th of each of the three complete months.</summary>
    private async Task History(string facility, int received)
    {
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var now = gateway.Clock.GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 12, 0, 0, TimeSpan.Zero);
        var events = new List<object> { Event("receipt", received, thisMonth.AddMonths(-3)) };
        events.AddRange(Enumerable.Range(1, 3).Select(i => (object)Event("issue", 30, thisMonth.AddMonths(-i).AddDays(9))));
        Assert.All(await (await pharmacist.PostEvents(facility, [.. events])).Results(), r => Assert.Equal("accepted", r.Outcome()));
    }

    [Fact]
    public async Task A_clinic_below_EOP_is_offered_the_surplus_of_another_clinic_down_to_its_minimum_never_a_warehouse_s()
    {
        await Register("redis-camp", "Camp Clinic", "phc");
        await Register("redis-town", "Town Clinic", "phc");
        await Register("redis-store", "District Store", "warehouse");
        // Camp: 100 − 90 = 10 left of AMC 30 (0.33 months, below EOP 0.5): it needs 3 × 30 − 10 = 80.
        await History("redis-camp", 100);
        // Town: 400 − 90 = 310 at AMC 30 (10.3 months, above its maximum of 3); it keeps its minimum 30, so 280 could go.
        await History("redis-town", 400);
        // The store is overstocked too, but a warehouse supplies through orders.
        await History("redis-store", 1000);
        using var manager = await gateway.ClientFor("district_manager", districts: [District]);

        var answer = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/stock/redistribution?district={District}");

        var item = Assert.Single(answer.GetProperty("items").EnumerateArray());
        Assert.Equal((Fluoxetine, "redis-town", "Town Clinic", "redis-camp", "Camp Clinic", 80, "surplus"),
            (item.GetProperty("medicine").GetString(), item.GetProperty("from").GetString(), item.GetProperty("fromName").GetString(),
                item.GetProperty("to").GetString(), item.GetProperty("toName").GetString(), item.GetProperty("quantity").GetInt32(),
                item.GetProperty("why").GetString()));
        Assert.StartsWith("Fluoxetine 20 mg", item.GetProperty("medicineName").GetString());
        var other = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/stock/redistribution?district={District}&medicine={Haloperidol}");
        Assert.Empty(other.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_district_is_required_and_only_those_covering_it_may_ask()
    {
        await Register("redis-camp2", "Camp Clinic 2", "phc");
        using var manager = await gateway.ClientFor("district_manager", districts: [District]);
        using var head = await gateway.ClientFor("facility_head", facilities: ["redis-camp2"]);
        using var elsewhere = await gateway.ClientFor("district_manager", districts: ["redis-other"]);

        var missing = await manager.GetAsync("/api/v1/stock/redistribution");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["district"], await missing.ErrorFields());
        var unknown = await manager.GetAsync($"/api/v1/stock/redistribution?district={District}&medicine=aspirin");
        Assert.Equal(["medicine"], await unknown.ErrorFields());
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/v1/stock/redistribution?district={District}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.GetAsync($"/api/v1/stock/redistribution?district={District}")).StatusCode);
    }
}
