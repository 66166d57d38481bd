using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Alerts;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Alerts;

/// <summary>
/// The web app chooses from the server's own lists, served in /app-config.json: the inbox's alert kinds and the report
/// form's adjustment reasons with their signs. Exactly the server's, in its order, so no copy in the web app can differ.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AppConfigListsTests(GatewayFactory gateway)
{
    [Fact]
    public async Task App_config_lists_exactly_the_servers_alert_kinds_and_adjustment_reasons_with_their_signs()
    {
        using var anonymous = gateway.CreateClient();

        var config = await anonymous.GetFromJsonAsync<JsonElement>("/app-config.json");

        var kinds = config.GetProperty("alertKinds").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Equal(AlertKinds.All, kinds);
        Assert.Contains(AlertKinds.ReferralNotBooked, kinds);
        var reasons = config.GetProperty("adjustmentReasons").EnumerateArray()
            .Select(r => (r.GetProperty("reason").GetString()!, r.GetProperty("credit").GetBoolean())).ToList();
        // The catalogue as PostgreSQL holds it (seeded with the six), not a copy in the gateway.
        var catalogue = await new MhSupply.Reference.AdjustmentReasonCatalog(gateway.Database.DataSource).ListAsync();
        Assert.Equal(catalogue.Select(r => (r.Code, r.Credit)), reasons);
        Assert.Superset(new HashSet<string> { "expired", "damaged", "lost", "stolen" }, reasons.Where(r => !r.Item2).Select(r => r.Item1).ToHashSet());
        Assert.Contains(("found", true), reasons);
    }
}
