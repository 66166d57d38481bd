using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Alerts;

/// <summary>Time-based alerts, found by the alert-scan job on the due-index. Time is moved on the app's clock, never slept.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AlertScanTests(GatewayFactory gateway)
{
    private const string Medicine = "carbamazepine-tab-200mg";
    private const string MedicineName = "Carbamazepine 200 mg scored tablet";

    [Fact]
    public async Task Alert_unacknowledged_for_48_hours_is_escalated_and_an_acknowledged_one_is_not()
    {
        var quiet = await Facility("scan-esc-1");
        var handled = await Facility("scan-esc-2");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [quiet, handled]);
        foreach (var f in new[] { quiet, handled })
        {
            var at = gateway.Clock.GetUtcNow().AddMinutes(-2);
            await Post(pharmacist, f, Event("receipt", 3, at), Event("issue", 3, at.AddMinutes(1)));
        }
        using var head = await gateway.ClientFor("facility_head", facilities: [handled]);
        var handledId = Assert.Single(await Alerts($"?facility={handled}&kind=stock_out")).GetProperty("id").GetString();
        (await head.PostAsJsonAsync($"/api/v1/alerts/{handledId}/acknowledge", new { note = "order placed" })).EnsureSuccessStatusCode();
        var start = gateway.Clock.GetUtcNow();

        gateway.Clock.SetUtcNow(start.AddHours(47));
        await RunScan();
        var early = Assert.Single(await Alerts($"?facility={quiet}&kind=stock_out"));
        Assert.Equal(JsonValueKind.Undefined, early.TryGetProperty("escalatedAt", out var e) ? e.ValueKind : JsonValueKind.Undefined);

        gateway.Clock.SetUtcNow(start.AddHours(49));
        await RunScan();
        var escalated = await Detail(early.GetProperty("id").GetString()!);
        Assert.True(escalated.TryGetProperty("escalatedAt", out _));
        Assert.Contains(escalated.GetProperty("history").EnumerateArray(), h => h.GetProperty("change").GetString() == "escalated");
        var acknowledged = await Detail(handledId!);
        Assert.False(acknowledged.TryGetProperty("escalatedAt", out _));
    }

    [Fact]
    public async Task Lot_becomes_expiring_90_days_before_expiry_then_expired_on_the_shelf()
    {
        var facility = await Facility("scan-lot-1");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var now = gateway.Clock.GetUtcNow();
        var expiry = DateOnly.FromDateTime(now.UtcDateTime.AddDays(120));
        await Post(pharmacist, facility, new
        {
            id = Guid.NewGuid(), medicine = Medicine, type = "receipt", quantity = 60, occurredAt = now.AddMinutes(-1),
            lot = "CBZ-120", expiry = expiry.ToString("yyyy-MM-dd"),
        });
        Assert.Empty(await Alerts($"?facility={facility}&kind=expiring"));

        var warnFrom = new DateTimeOffset(expiry.AddDays(-90).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        gateway.Clock.SetUtcNow(warnFrom.AddMinutes(-5));
        await RunScan();
        Assert.Empty(await Alerts($"?facility={facility}&kind=expiring"));

        gateway.Clock.SetUtcNow(warnFrom.AddMinutes(5));
        await RunScan();
        var expiring = Assert.Single(await Alerts($"?facility={facility}&kind=expiring&status=open"));
        Assert.Equal("CBZ-120", expiring.GetProperty("lot").GetString());
        // The scan raises in the card projection's words (AlertMessages), with the lot's figures as the read model has them,
        // naming the medicine as on the list and the facility as registered, the day as people write it.
        var day = expiry.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Lot CBZ-120 of {MedicineName} at {facility} expires on {day} with 60 units on hand.",
            expiring.GetProperty("message").GetString());
        Assert.Equal("expiring", expiring.GetProperty("messageCode").GetString());
        Assert.Equal(expiry.ToString("yyyy-MM-dd"), expiring.GetProperty("messageParams").GetProperty("expiry").GetString());

        gateway.Clock.SetUtcNow(new DateTimeOffset(expiry.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(5));
        await RunScan();
        var expired = Assert.Single(await Alerts($"?facility={facility}&kind=expired_on_shelf&status=open"));
        Assert.Equal($"Lot CBZ-120 of {MedicineName} at {facility} expired on {day} with 60 units on the shelf; write it off.",
            expired.GetProperty("message").GetString());
        Assert.Equal("resolved", (await Detail(expiring.GetProperty("id").GetString()!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Running_an_unknown_job_is_404_and_only_admins_run_jobs()
    {
        using var admin = await gateway.ClientFor("admin");
        using var head = await gateway.ClientFor("facility_head", facilities: ["x"]);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/admin/jobs/no-such-job/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync("/api/v1/admin/jobs/alert-scan/run", null)).StatusCode);
    }

    [Fact]
    public async Task Hangfire_dashboard_is_for_admins_only()
    {
        using var anonymous = gateway.CreateClient();
        using var head = await gateway.ClientFor("facility_head", facilities: ["x"]);
        using var admin = await gateway.ClientFor("admin");

        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/hangfire")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await head.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
    }

    private Task RunScan() => gateway.RunAlertScan();

    private Task<string> Facility(string id) => gateway.RegisterFacility(id, "scan-d");

    private static object Event(string type, int quantity, DateTimeOffset at) => ApiSteps.StockEvent(Medicine, type, quantity, at);

    private static Task Post(HttpClient client, string facility, params object[] events) => client.PostAccepted(facility, events);

    private Task<List<JsonElement>> Alerts(string query) => gateway.AdminAlerts(query);

    private Task<JsonElement> Detail(string id) => gateway.AdminAlert(id);
}
