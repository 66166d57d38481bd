using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Alerts;

[Collection(GatewayCollection.Name)]
public sealed class StockAlertApiTests(GatewayFactory gateway)
{
    private const string Medicine = "haloperidol-tab-5mg";

    [Fact]
    public async Task Issue_that_empties_a_card_raises_stock_out_at_once_and_a_receipt_resolves_it_with_history()
    {
        var facility = await Facility("alert-so-1", "alert-d1");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-5);
        await Post(pharmacist, facility, Event("receipt", 40, at));

        var watch = Stopwatch.StartNew();
        await Post(pharmacist, facility, Event("issue", 40, at.AddHours(1)));
        var open = await Alerts(head, $"?facility={facility}&kind=stock_out&status=open");
        watch.Stop();

        var alert = Assert.Single(open);
        Assert.Equal(Medicine, alert.GetProperty("medicine").GetString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"visible {watch.ElapsedMilliseconds} ms after the event's 200");

        await Post(pharmacist, facility, Event("receipt", 100, at.AddHours(2)));
        var detail = await head.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{alert.GetProperty("id").GetString()}");

        Assert.Equal("resolved", detail.GetProperty("status").GetString());
        Assert.Equal(["raised", "resolved"], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("change").GetString()));
        Assert.Empty(await Alerts(head, $"?facility={facility}&status=open"));
    }

    [Fact]
    public async Task A_stock_out_alert_names_the_medicine_and_the_facility_and_carries_its_template_code_and_parameters()
    {
        const string facility = "alert-names-1";
        using (var admin = await gateway.ClientFor("admin"))
        {
            (await admin.PutAsJsonAsync($"/api/v1/facilities/{facility}", new { name = "Riverside Health Post", level = "phc", district = "alert-d6", region = "r" }))
                .EnsureSuccessStatusCode();
        }
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-5);
        await Post(pharmacist, facility, Event("receipt", 8, at), Event("issue", 8, at.AddHours(1)));

        var listed = Assert.Single(await Alerts(head, $"?facility={facility}&kind=stock_out"));
        var detail = await head.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{listed.GetProperty("id").GetString()}");

        foreach (var alert in new[] { listed, detail })
        {
            Assert.Equal("Haloperidol 5 mg tablet is stocked out at Riverside Health Post.", alert.GetProperty("message").GetString());
            Assert.Equal("stock_out", alert.GetProperty("messageCode").GetString());
            var parameters = alert.GetProperty("messageParams");
            Assert.Equal(Medicine, parameters.GetProperty("medicine").GetString());
            Assert.Equal(facility, parameters.GetProperty("facility").GetString());
            Assert.Equal("Riverside Health Post", parameters.GetProperty("facilityName").GetString());
        }
    }

    [Fact]
    public async Task A_below_eop_alert_gives_its_figures_as_numbers_in_its_parameters()
    {
        var facility = await Facility("alert-names-2", "alert-d6");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var now = gateway.Clock.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        await Post(pharmacist, facility, Event("receipt", 300, monthStart.AddMonths(-3)),
            Event("issue", 60, monthStart.AddMonths(-3).AddDays(5)), Event("issue", 60, monthStart.AddMonths(-2).AddDays(5)),
            Event("issue", 60, monthStart.AddMonths(-1).AddDays(5)), Event("issue", 95, now.AddMinutes(-5)));

        using var admin = await gateway.ClientFor("admin");
        var alert = Assert.Single(await Alerts(admin, $"?facility={facility}&kind=below_eop&status=open"));

        Assert.Equal("below_eop", alert.GetProperty("messageCode").GetString());
        var parameters = alert.GetProperty("messageParams");
        Assert.Equal(25, parameters.GetProperty("soh").GetInt32());
        Assert.Equal(0.42m, parameters.GetProperty("mos").GetDecimal());
        Assert.StartsWith("Haloperidol 5 mg tablet at alert-names-2 is below the emergency order point: 0.42 months", alert.GetProperty("message").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_staying_at_zero_keeps_one_open_alert()
    {
        var facility = await Facility("alert-so-2", "alert-d1");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-5);
        await Post(pharmacist, facility, Event("receipt", 5, at), Event("issue", 5, at.AddMinutes(1)));
        await Post(pharmacist, facility, Event("physical_count", 0, at.AddMinutes(2)));

        using var admin = await gateway.ClientFor("admin");
        Assert.Single(await Alerts(admin, $"?facility={facility}&kind=stock_out"));
    }

    [Fact]
    public async Task Facility_head_acknowledges_within_scope_others_cannot()
    {
        var facility = await Facility("alert-ack-1", "alert-d2");
        var other = await Facility("alert-ack-2", "alert-d2");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-5);
        await Post(pharmacist, facility, Event("receipt", 5, at), Event("issue", 5, at.AddMinutes(1)));
        using var head = await gateway.ClientFor("facility_head", facilities: [facility], sub: "head.one");
        using var otherHead = await gateway.ClientFor("facility_head", facilities: [other]);
        var id = Assert.Single(await Alerts(head, $"?facility={facility}")).GetProperty("id").GetString();

        var byPharmacist = await pharmacist.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "x" });
        var byOtherHead = await otherHead.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "x" });
        var byHead = await head.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "ordered from district store" });

        Assert.Equal(HttpStatusCode.Forbidden, byPharmacist.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherHead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHead.StatusCode);
        var acknowledged = await byHead.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("acknowledged", acknowledged.GetProperty("status").GetString());
        var change = acknowledged.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("acknowledged", change.GetProperty("change").GetString());
        Assert.Equal("head.one", change.GetProperty("by").GetString());
        Assert.Equal("ordered from district store", change.GetProperty("note").GetString());
        // The inbox list says what was done about it without opening each alert.
        var listed = (await Alerts(head, "?kind=stock_out")).Single(a => a.GetProperty("id").GetString() == id);
        Assert.Equal("ordered from district store", listed.GetProperty("acknowledgementNote").GetString());
        Assert.Empty(await Alerts(otherHead, "?kind=stock_out"));
    }

    [Fact]
    public async Task Acknowledging_a_resolved_alert_is_409_naming_the_status()
    {
        var facility = await Facility("alert-ack-3", "alert-d3");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-5);
        await Post(pharmacist, facility, Event("receipt", 5, at), Event("issue", 5, at.AddMinutes(1)));
        var id = Assert.Single(await Alerts(head, $"?facility={facility}")).GetProperty("id").GetString();
        await Post(pharmacist, facility, Event("receipt", 5, at.AddMinutes(2)));

        var response = await head.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("resolved", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Receipt_of_a_lot_expiring_soon_raises_expiring_for_that_lot()
    {
        var facility = await Facility("alert-exp-1", "alert-d4");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var now = gateway.Clock.GetUtcNow();
        var soon = DateOnly.FromDateTime(now.UtcDateTime.AddDays(30));
        await Post(pharmacist, facility, new
        {
            id = Guid.NewGuid(), medicine = Medicine, type = "receipt", quantity = 50, occurredAt = now.AddHours(-1),
            lot = "L-30D", expiry = soon.ToString("yyyy-MM-dd"),
        });

        using var admin = await gateway.ClientFor("admin");
        var alert = Assert.Single(await Alerts(admin, $"?facility={facility}&kind=expiring"));
        Assert.Equal("L-30D", alert.GetProperty("lot").GetString());
    }

    [Fact]
    public async Task Below_emergency_order_point_is_raised_by_the_issue_that_crosses_it_and_resolved_by_the_receipt()
    {
        var facility = await Facility("alert-eop-1", "alert-d5");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var now = gateway.Clock.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        // 60 issued in each of the three complete months before this one: AMC 60. PHC emergency order point 0.5 month = 30 units.
        await Post(pharmacist, facility, Event("receipt", 300, monthStart.AddMonths(-3)),
            Event("issue", 60, monthStart.AddMonths(-3).AddDays(5)), Event("issue", 60, monthStart.AddMonths(-2).AddDays(5)),
            Event("issue", 60, monthStart.AddMonths(-1).AddDays(5)));
        using var admin = await gateway.ClientFor("admin");
        Assert.Empty(await Alerts(admin, $"?facility={facility}&kind=below_eop")); // 120 units: 2 months of stock

        await Post(pharmacist, facility, Event("issue", 95, now.AddMinutes(-5))); // 25 units: 0.42 months < 0.5
        var alert = Assert.Single(await Alerts(admin, $"?facility={facility}&kind=below_eop&status=open"));

        await Post(pharmacist, facility, Event("receipt", 100, now.AddMinutes(-4)));
        Assert.Equal("resolved", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{alert.GetProperty("id").GetString()}"))
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task Expired_lot_on_the_shelf_resolves_when_written_off()
    {
        var facility = await Facility("alert-exp-2", "alert-d4");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var now = gateway.Clock.GetUtcNow();
        var expired = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-3)).ToString("yyyy-MM-dd");
        await Post(pharmacist, facility, new
        {
            id = Guid.NewGuid(), medicine = Medicine, type = "receipt", quantity = 20, occurredAt = now.AddDays(-60), lot = "OLD-1", expiry = expired,
        });
        using var admin = await gateway.ClientFor("admin");
        var alert = Assert.Single(await Alerts(admin, $"?facility={facility}&kind=expired_on_shelf&status=open"));

        await Post(pharmacist, facility, new
        {
            id = Guid.NewGuid(), medicine = Medicine, type = "adjustment", quantity = 20, occurredAt = now.AddMinutes(-1), reason = "expired", lot = "OLD-1",
        });

        Assert.Equal("resolved", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{alert.GetProperty("id").GetString()}"))
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alert_filters_are_validated_naming_the_field()
    {
        using var admin = await gateway.ClientFor("admin");
        var response = await admin.GetAsync("/api/v1/alerts?kind=fire");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kind", out _));
    }

    private Task<string> Facility(string id, string district) => gateway.RegisterFacility(id, district);

    private static object Event(string type, int quantity, DateTimeOffset at) => ApiSteps.StockEvent(Medicine, type, quantity, at);

    private static Task Post(HttpClient client, string facility, params object[] events) => client.PostAccepted(facility, events);

    private static Task<List<JsonElement>> Alerts(HttpClient client, string query) => client.AlertItems(query);
}
