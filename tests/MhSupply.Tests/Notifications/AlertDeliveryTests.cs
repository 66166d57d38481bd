using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MhSupply.Notifications;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Notifications;

/// <summary>
/// E-mail (a real SMTP server process) and webhooks (a real HTTP listener) that are down for the first attempts receive
/// every alert change exactly once when they come back.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class AlertDeliveryTests(DeliveryGatewayFactory gateway)
{
    private const string Medicine = "valproate-sodium-tab-200mg";

    [Fact]
    public async Task Channels_down_at_first_receive_every_alert_change_exactly_once_when_they_return()
    {
        const string facility = "deliver-phc-1";
        const string secret = "a-webhook-secret-of-32-characters";
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{facility}", new { name = "Delivery PHC", level = "phc", district = "deliver-d", region = "r" }))
            .EnsureSuccessStatusCode();
        var email = await admin.PostAsJsonAsync("/api/v1/subscriptions",
            new { channel = "email", target = "head@camp.test", facility, role = "facility_head" });
        var hook = await admin.PostAsJsonAsync("/api/v1/subscriptions",
            new { channel = "webhook", target = gateway.Webhook.Url, secret, district = "deliver-d" });
        Assert.Equal(HttpStatusCode.Created, email.StatusCode);
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);

        // Three alert changes: stock-out raised, resolved by a receipt, raised again. Reports of one projection interval
        // (Stock:ProjectionDelay) coalesce into the state at its end; the head's inbox read between them projects each.
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-3);
        await Post(pharmacist, facility, Event("receipt", 10, at), Event("issue", 10, at.AddMinutes(1)));
        Assert.Equal(["open"], await StockOutStatuses(head));
        await Post(pharmacist, facility, Event("receipt", 5, at.AddMinutes(2)));
        Assert.Equal(["resolved"], await StockOutStatuses(head));
        await Post(pharmacist, facility, Event("issue", 5, at.AddMinutes(3)));
        Assert.Equal(["open", "resolved"], await StockOutStatuses(head));

        // Both channels down: every attempt fails and is rescheduled, nothing is lost.
        await RunDelivery(admin);
        await RunDelivery(admin);
        Assert.Equal((6, 6), await PendingAndAttempted(facility));

        gateway.Smtp.Start();
        gateway.Webhook.Start();
        gateway.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunDelivery(admin);
        gateway.Clock.Advance(TimeSpan.FromHours(3));
        await RunDelivery(admin);

        var mails = gateway.Smtp.Messages();
        Assert.Equal(3, mails.Count);
        Assert.Equal(3, mails.Select(MessageId).Distinct().Count());
        Assert.All(mails, m => Assert.Contains("To: head@camp.test", m));
        var calls = gateway.Webhook.Calls.ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal(3, calls.Select(c => c.Delivery).Distinct().Count());
        Assert.All(calls, c => Assert.True(WebhookSignature.Verify(secret, c.Body, c.Signature), "signature verifies with the secret"));
        var changes = calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("change").GetString()).Order().ToList();
        Assert.Equal(["raised", "raised", "resolved"], changes);
        Assert.Equal((0, 6), await PendingAndAttempted(facility));
    }

    [Fact]
    public async Task Subscription_input_is_validated_naming_the_field_and_managed_by_admins_and_district_managers_only()
    {
        using var admin = await gateway.ClientFor("admin");
        using var head = await gateway.ClientFor("facility_head", facilities: ["x"]);
        using var manager = await gateway.ClientFor("district_manager", districts: ["deliver-d2"]);

        var badUrl = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { channel = "webhook", target = "not a url" });
        var badEmail = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { channel = "email", target = "nobody" });
        var byHead = await head.PostAsJsonAsync("/api/v1/subscriptions", new { channel = "email", target = "a@b.test" });
        var otherDistrict = await manager.PostAsJsonAsync("/api/v1/subscriptions", new { channel = "email", target = "a@b.test", district = "elsewhere" });
        var ownDistrict = await manager.PostAsJsonAsync("/api/v1/subscriptions",
            new { channel = "email", target = "dm@b.test", district = "deliver-d2", role = "district_manager" });

        Assert.True((await badUrl.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("target", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherDistrict.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ownDistrict.StatusCode);
        var id = (await ownDistrict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/subscriptions/{id}")).StatusCode);
    }

    private async Task<(long Pending, long Attempted)> PendingAndAttempted(string facility)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(long, long)>("""
            SELECT count(*) FILTER (WHERE o.status = 'pending'), count(*) FILTER (WHERE o.attempts > 0)
            FROM mh.outbox o JOIN mh.alert a ON a.id = o.alert_id WHERE a.facility = @facility
            """, new { facility });
    }

    /// <summary>The statuses of the facility head's stock-out alerts, as the inbox lists them (open first).</summary>
    private static async Task<string[]> StockOutStatuses(HttpClient head)
    {
        var page = await head.GetFromJsonAsync<JsonElement>("/api/v1/alerts?kind=stock_out");
        return page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("status").GetString()!).ToArray();
    }

    private static string MessageId(string raw) =>
        raw.Split('\n').First(l => l.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase)).Trim();

    private static async Task RunDelivery(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/v1/admin/jobs/notification-delivery/run", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static object Event(string type, int quantity, DateTimeOffset at) => ApiSteps.StockEvent(Medicine, type, quantity, at);

    private static Task Post(HttpClient client, string facility, params object[] events) => client.PostAccepted(facility, events);
}
