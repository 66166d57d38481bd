using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>A transfer from paper records that do not say where it came from (issue 18, item 5).</summary>
[Collection(GatewayCollection.Name)]
public sealed class UnknownCounterpartTests(GatewayFactory gateway)
{
    [Fact]
    public async Task A_transfer_may_name_the_configured_unknown_counterpart_and_the_app_is_told_which_it_is()
    {
        await gateway.RegisterFacility("unk-phc", "unk-d");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["unk-phc"]);
        using var anonymous = gateway.CreateClient();
        var config = await anonymous.GetFromJsonAsync<JsonElement>("/app-config.json");
        var placeholder = config.GetProperty("unknownCounterpart").GetString()!;

        var results = await (await pharmacist.PostEvents("unk-phc", new
        {
            id = Guid.NewGuid(), medicine = Fluoxetine, type = "transfer_in", quantity = 30, occurredAt = gateway.HoursAgo(3), otherFacility = placeholder,
            note = "ledger page 14: from another clinic, name illegible",
        })).Results();

        Assert.Equal(("unknown", "accepted"), (placeholder, results.Single().Outcome()));
        var line = (await pharmacist.CardLines("unk-phc")).Single();
        Assert.Equal(("transfer_in", placeholder), (line.GetProperty("type").GetString(), line.GetProperty("otherFacility").GetString()));
        Assert.Equal(30, await pharmacist.Soh("unk-phc"));
    }
}
