using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>A gateway whose projection timer never fires within a test: only readers bring the read model up to date.</summary>
public sealed class SlowProjectionGatewayFactory : GatewayFactory
{
    public SlowProjectionGatewayFactory()
    {
        Settings["Stock:ProjectionDelay"] = "00:05:00";
    }
}

/// <summary>
/// The read model, card alerts and due-index follow a report by Stock:ProjectionDelay, yet whoever reads them right after
/// the report's 200 sees it: the cross-facility list and the alert inbox first have the facilities in the caller's
/// scope project. Facilities outside that scope are left alone.
/// </summary>
public sealed class StockReadYourWritesTests(SlowProjectionGatewayFactory gateway) : IClassFixture<SlowProjectionGatewayFactory>
{
    [Fact]
    public async Task A_report_is_in_the_district_list_and_the_heads_inbox_at_once_and_other_districts_do_not_project_it()
    {
        const string facility = "ryw-phc";
        await gateway.RegisterFacility(facility, "ryw-d");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        (await pharmacist.PostEvents(facility, Event("receipt", 30, gateway.HoursAgo(5)), Event("issue", 30, gateway.HoursAgo(2))))
            .EnsureSuccessStatusCode();

        // Committed and answered; nothing projected yet, and a reader of another district does not change that.
        Assert.Equal((true, 0L), await Projection(facility));
        using var elsewhere = await gateway.ClientFor("district_manager", districts: ["ryw-other"]);
        Assert.Empty((await elsewhere.GetFromJsonAsync<JsonElement>("/api/v1/stock")).GetProperty("items").EnumerateArray());
        Assert.Equal((true, 0L), await Projection(facility));

        using var manager = await gateway.ClientFor("district_manager", districts: ["ryw-d"]);
        var item = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/stock")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((facility, 0, "stocked_out"), (item.GetProperty("facility").GetString(), item.GetProperty("soh").GetInt32(),
            item.GetProperty("status").GetString()));
        Assert.Equal((false, 1L), await Projection(facility));

        // The next report is seen by the head's inbox the same way: the receipt resolves the stock-out.
        (await pharmacist.PostEvents(facility, Event("receipt", 12, gateway.HoursAgo(1)))).EnsureSuccessStatusCode();
        Assert.True((await Projection(facility)).Pending);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var alerts = (await head.GetFromJsonAsync<JsonElement>("/api/v1/alerts?kind=stock_out")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["resolved"], alerts.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal((false, 1L), await Projection(facility));
    }

    [Fact]
    public async Task A_facility_that_cannot_project_does_not_fail_the_read_and_catches_up_on_a_later_one()
    {
        const string facility = "ryw-stuck";
        await gateway.RegisterFacility(facility, "ryw-stuck-d");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        (await pharmacist.PostEvents(facility, Event("receipt", 30, gateway.HoursAgo(5)))).EnsureSuccessStatusCode();
        using var manager = await gateway.ClientFor("district_manager", districts: ["ryw-stuck-d"]);
        var probe = gateway.Services.GetRequiredService<StockWriteProbe>();

        probe.Hook = (f, step) => f == facility && step == StockWriteStep.BeforeProjection
            ? throw new IOException("simulated: the projection's write is refused")
            : ValueTask.CompletedTask;
        try
        {
            // The list answers with what is projected (nothing yet for this facility) instead of failing.
            var during = await manager.GetAsync("/api/v1/stock");
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
            Assert.Empty((await during.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
            Assert.Equal((true, 0L), await Projection(facility));
        }
        finally
        {
            probe.Hook = null;
        }

        var after = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/stock")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(30, after.GetProperty("soh").GetInt32());
        Assert.Equal((false, 1L), await Projection(facility));
    }

    /// <summary>Whether the facility's pending-projection marker is set, and how many read-model rows it has.</summary>
    private async Task<(bool Pending, long Rows)> Projection(string facility)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(bool, long)>("""
            SELECT EXISTS (SELECT 1 FROM mh.stock_projection_pending WHERE facility = @facility),
                   (SELECT count(*) FROM mh.stock_card WHERE facility = @facility)
            """, new { facility });
    }
}
