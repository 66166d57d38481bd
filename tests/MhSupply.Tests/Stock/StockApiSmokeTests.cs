using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Stock;

[Collection(GatewayCollection.Name)]
public sealed class StockApiSmokeTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Receipt_then_issue_gives_the_balance_and_a_resubmission_is_a_duplicate()
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync("/api/v1/facilities/smoke-phc", new { name = "Smoke", level = "phc", district = "smoke-d", region = "r" })).EnsureSuccessStatusCode();
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["smoke-phc"]);
        var day = gateway.Clock.GetUtcNow().AddDays(-3);
        var receipt = new { id = Guid.NewGuid(), medicine = "fluoxetine-cap-20mg", type = "receipt", quantity = 100, occurredAt = day };
        var issue = new { id = Guid.NewGuid(), medicine = "fluoxetine-cap-20mg", type = "issue", quantity = 30, occurredAt = day.AddHours(2) };

        var first = await pharmacist.PostAsJsonAsync("/api/v1/facilities/smoke-phc/stock-events", new { events = new object[] { receipt, issue } });
        var again = await pharmacist.PostAsJsonAsync("/api/v1/facilities/smoke-phc/stock-events", new { events = new object[] { issue } });
        var stock = await pharmacist.GetFromJsonAsync<JsonElement>("/api/v1/facilities/smoke-phc/stock");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var outcomes = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["accepted", "accepted"], outcomes);
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("outcome").GetString());
        var item = stock.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("medicine").GetString() == "fluoxetine-cap-20mg");
        Assert.Equal(70, item.GetProperty("soh").GetInt32());
    }
}
