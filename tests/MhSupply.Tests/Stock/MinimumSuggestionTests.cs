using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>A gateway with minimums configured: 200 fluoxetine capsules to hold, 40 units of any other medicine.</summary>
public sealed class MinimumSuggestionGatewayFactory : GatewayFactory
{
    public MinimumSuggestionGatewayFactory()
    {
        Settings["Stock:MinimumSuggestion:Default"] = "40";
        Settings[$"Stock:MinimumSuggestion:Medicines:{Fluoxetine}"] = "200";
    }
}

/// <summary>
/// Cards at 0 with no consumption history (issue 18, item 2): with no AMC and no treatment plan the max-min formula has
/// nothing to multiply, so the configured minimum (Stock:MinimumSuggestion) is what the facility is suggested to hold.
/// </summary>
public sealed class MinimumSuggestionTests(MinimumSuggestionGatewayFactory gateway) : IClassFixture<MinimumSuggestionGatewayFactory>
{
    [Fact]
    public async Task A_card_at_zero_with_no_history_and_an_item_never_stocked_are_suggested_their_configured_minimum()
    {
        const string facility = "minsug-phc";
        await gateway.RegisterFacility(facility, "minsug-d");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        // 30 received and 30 dispensed today: at 0 with no complete month behind the card, so no AMC.
        (await pharmacist.PostEvents(facility, Event("receipt", 30, gateway.HoursAgo(3)), Event("issue", 30, gateway.HoursAgo(1))))
            .EnsureSuccessStatusCode();

        var card = await pharmacist.StockItem(facility, Fluoxetine);
        Assert.Equal((0, "stocked_out", 200), (card.GetProperty("soh").GetInt32(), card.GetProperty("status").GetString(),
            card.GetProperty("suggestedOrder").GetInt32()));
        Assert.False(card.TryGetProperty("amc", out _));
        // Haloperidol is stocked at primary care and this facility has never had any: the default minimum.
        Assert.Equal(40, (await pharmacist.StockItem(facility, Haloperidol)).GetProperty("suggestedOrder").GetInt32());

        // The district's list (the read model) carries the same suggestion.
        using var manager = await gateway.ClientFor("district_manager", districts: ["minsug-d"]);
        var listed = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/stock")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("facility").GetString() == facility && i.GetProperty("medicine").GetString() == Fluoxetine);
        Assert.Equal(200, listed.GetProperty("suggestedOrder").GetInt32());

        // A receipt of 150 leaves 50 to order up to the minimum.
        (await pharmacist.PostEvents(facility, Event("receipt", 150, gateway.HoursAgo(0.5)))).EnsureSuccessStatusCode();
        Assert.Equal(50, (await pharmacist.StockItem(facility, Fluoxetine)).GetProperty("suggestedOrder").GetInt32());
    }
}
