using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>Who may report and read stock (docs/api.md "Auth": out of scope → 403).</summary>
[Collection(GatewayCollection.Name)]
public sealed class StockScopeTests(GatewayFactory gateway)
{
    /// <summary>Registers a facility and gives it one card (a receipt of 10 fluoxetine).</summary>
    private async Task<string> StockedFacility(string facility, string district)
    {
        await gateway.RegisterFacility(facility, district);
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        await pharmacist.PostAccepted(facility, Event("receipt", 10, gateway.HoursAgo(5)));
        return facility;
    }

    [Fact]
    public async Task Pharmacist_cannot_report_for_another_facility_and_nothing_is_written()
    {
        var own = await gateway.RegisterFacility("ssco-own", "ssco-d1");
        var other = await gateway.RegisterFacility("ssco-other", "ssco-d1");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [own]);

        var response = await pharmacist.PostEvents(other, Event("receipt", 10, gateway.HoursAgo(2)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await gateway.LedgerRows(other));
    }

    [Theory]
    [InlineData("clinician")]
    [InlineData("district_manager")]
    public async Task Roles_that_do_not_report_stock_cannot_post_events_even_within_their_scope(string role)
    {
        var facility = await gateway.RegisterFacility("ssco-noreport-" + role, "ssco-d2");
        using var client = await gateway.ClientFor(role, facilities: [facility], districts: ["ssco-d2"]);

        var response = await client.PostEvents(facility, Event("receipt", 10, gateway.HoursAgo(2)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task Facility_head_reads_the_stock_of_their_own_facility()
    {
        var facility = await StockedFacility("ssco-head-own", "ssco-d3");
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);

        var response = await head.GetAsync($"/api/v1/facilities/{facility}/stock");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Facility_head_cannot_read_the_stock_of_another_facility()
    {
        var own = await gateway.RegisterFacility("ssco-head-a", "ssco-d3");
        var other = await StockedFacility("ssco-head-b", "ssco-d3");
        using var head = await gateway.ClientFor("facility_head", facilities: [own]);

        var response = await head.GetAsync($"/api/v1/facilities/{other}/stock");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Facility_head_cannot_read_a_card_of_another_facility()
    {
        var own = await gateway.RegisterFacility("ssco-card-a", "ssco-d3");
        var other = await StockedFacility("ssco-card-b", "ssco-d3");
        using var head = await gateway.ClientFor("facility_head", facilities: [own]);

        var response = await head.GetAsync($"/api/v1/facilities/{other}/stock/{Fluoxetine}/card");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task District_manager_reads_the_stock_of_a_facility_in_their_district()
    {
        var facility = await StockedFacility("ssco-dm-in", "ssco-d4");
        using var manager = await gateway.ClientFor("district_manager", districts: ["ssco-d4"]);

        var response = await manager.GetAsync($"/api/v1/facilities/{facility}/stock");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task District_manager_cannot_read_the_stock_of_a_facility_outside_their_district()
    {
        var facility = await StockedFacility("ssco-dm-out", "ssco-d5");
        using var manager = await gateway.ClientFor("district_manager", districts: ["ssco-d4"]);

        var response = await manager.GetAsync($"/api/v1/facilities/{facility}/stock");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<List<string?>> ListedFacilities(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/stock?pageSize=500")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("facility").GetString()).Distinct().ToList();

    [Fact]
    public async Task Cross_facility_list_returns_only_cards_within_the_callers_districts()
    {
        var inside = await StockedFacility("ssco-list-in", "ssco-d6");
        await StockedFacility("ssco-list-out", "ssco-d7");
        using var manager = await gateway.ClientFor("district_manager", districts: ["ssco-d6"]);

        var listed = await ListedFacilities(manager);

        Assert.Equal([inside], listed);
    }

    [Fact]
    public async Task Cross_facility_list_returns_only_cards_of_the_callers_facilities()
    {
        var own = await StockedFacility("ssco-listf-own", "ssco-d8");
        await StockedFacility("ssco-listf-other", "ssco-d8");
        using var head = await gateway.ClientFor("facility_head", facilities: [own]);

        var listed = await ListedFacilities(head);

        Assert.Equal([own], listed);
    }

    [Fact]
    public async Task Admin_reading_the_stock_of_an_unregistered_facility_gets_not_found()
    {
        using var admin = await gateway.ClientFor("admin");

        var response = await admin.GetAsync("/api/v1/facilities/ssco-never-registered/stock");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
