using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Web;
using Dapper;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Sms;

/// <summary>Alerts by SMS through a real HTTP SMS gateway on 127.0.0.1, RapidPro-style JSON: once per number, retried, refusals recorded.</summary>
[Collection(SmsJsonCollection.Name)]
public sealed class SmsJsonDeliveryTests(SmsJsonGatewayFactory gateway)
{
    private const string Medicine = "valproate-sodium-tab-200mg";

    [Fact]
    public async Task Each_number_gets_one_sms_per_alert_change_in_the_configured_json_even_after_a_500_and_a_4xx_is_recorded_as_failed()
    {
        const string facility = "sms-out-phc-1", district = "sms-out-d";
        const string head = "+254700000001", deputy = "+254700000002", wrong = "+254700000009";
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{facility}", new { name = "SMS PHC", level = "phc", district, region = "r" }))
            .EnsureSuccessStatusCode();
        // The head's number twice (the facility's and the district's subscription): still one SMS per alert change.
        foreach (var body in new object[]
                 {
                     new { channel = "sms", target = head, facility, kinds = new[] { "stock_out" } },
                     new { channel = "sms", target = head, district, kinds = new[] { "stock_out" } },
                     new { channel = "sms", target = deputy, facility, kinds = new[] { "stock_out" } },
                     new { channel = "sms", target = wrong, facility, kinds = new[] { "stock_out" } },
                 })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/subscriptions", body)).StatusCode);
        }

        // The gateway is down (500) for everyone's first attempt, and refuses the wrong number for good (400).
        var failFirst = new HashSet<string>();
        gateway.Receiver.Answer = body =>
        {
            var to = JsonDocument.Parse(body).RootElement.GetProperty("urns")[0].GetString()!;
            if (to == "tel:" + wrong)
            {
                return 400;
            }
            lock (failFirst)
            {
                return failFirst.Add(to) ? 500 : 200;
            }
        };

        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var headClient = await gateway.ClientFor("facility_head", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-1);
        await pharmacist.PostAccepted(facility, ApiSteps.StockEvent(Medicine, "receipt", 10, at), ApiSteps.StockEvent(Medicine, "issue", 10, at.AddMinutes(1)));
        Assert.Single(await headClient.AlertItems("?kind=stock_out"));

        await RunDelivery(admin);
        gateway.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunDelivery(admin);
        gateway.Clock.Advance(TimeSpan.FromHours(3));
        await RunDelivery(admin);

        var calls = gateway.Receiver.Calls.ToList();
        var taken = calls.Where(c => c.Status == 200).ToList();
        Assert.Equal(2, taken.Count);
        Assert.Equal(new[] { "tel:" + head, "tel:" + deputy }.Order(), taken.Select(To).Order());
        Assert.Equal(2, calls.Count(c => c.Status == 500));
        Assert.Single(calls, c => c.Status == 400);
        // The retry carries the first attempt's delivery id, so a gateway that dedupes can.
        Assert.All(taken, c => Assert.Contains(calls, f => f.Status == 500 && f.Delivery == c.Delivery));
        Assert.All(calls, c =>
        {
            Assert.StartsWith("application/json", c.ContentType);
            Assert.Equal(SmsJsonGatewayFactory.ApiToken, c.Authorization);
            var text = JsonDocument.Parse(c.Body).RootElement.GetProperty("text").GetString()!;
            Assert.StartsWith("MhSupply alert: ", text);
            Assert.InRange(text.Length, 20, 160);
        });

        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Target, string Status, string? Error)>("""
            SELECT o.target, o.status, o.last_error FROM mh.outbox o JOIN mh.alert a ON a.id = o.alert_id
            WHERE a.facility = @facility AND o.channel = 'sms' ORDER BY o.target
            """, new { facility })).ToList();
        Assert.Equal([head, deputy, wrong], rows.Select(r => r.Target).ToList());
        Assert.Equal(["delivered", "delivered", "dead"], rows.Select(r => r.Status).ToList());
        Assert.Contains("400", rows[2].Error);
        Assert.Contains("invalid number", rows[2].Error);
    }

    [Fact]
    public async Task An_sms_subscription_needs_an_E164_number_named_in_the_error_and_a_facility_head_manages_their_own()
    {
        using var admin = await gateway.ClientFor("admin");
        await gateway.RegisterFacility("sms-sub-phc", "sms-sub-d");
        await gateway.RegisterFacility("sms-sub-other", "sms-sub-d");
        var bad = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { channel = "sms", target = "0712 345 678", facility = "sms-sub-phc" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("\"0712 345 678\" is not a phone number in international form", problem.GetProperty("errors").GetProperty("target")[0].GetString());
        Assert.Equal("subscription.phone_invalid", problem.GetProperty("codes").GetProperty("target")[0].GetProperty("code").GetString());

        using var head = await gateway.ClientFor("facility_head", facilities: ["sms-sub-phc"]);
        var otherFacility = await head.PostAsJsonAsync("/api/v1/subscriptions", new { channel = "sms", target = "+254711111111", facility = "sms-sub-other" });
        Assert.Equal(HttpStatusCode.Forbidden, otherFacility.StatusCode);
        var own = await head.PostAsJsonAsync("/api/v1/subscriptions", new { channel = "sms", target = "+254711111111", facility = "sms-sub-phc" });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var id = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var listed = await head.GetFromJsonAsync<JsonElement>("/api/v1/subscriptions");
        Assert.Equal([id], listed.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList());
        Assert.Equal(HttpStatusCode.NoContent, (await head.DeleteAsync($"/api/v1/subscriptions/{id}")).StatusCode);
    }

    private static string To(SmsGatewayReceiver.Call call) => JsonDocument.Parse(call.Body).RootElement.GetProperty("urns")[0].GetString()!;

    internal static async Task RunDelivery(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/v1/admin/jobs/notification-delivery/run", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The same through a Twilio-style form gateway with basic authentication.</summary>
[Collection(SmsFormCollection.Name)]
public sealed class SmsFormDeliveryTests(SmsFormGatewayFactory gateway)
{
    [Fact]
    public async Task An_alert_goes_once_as_a_form_with_the_configured_fields_and_basic_authentication()
    {
        const string facility = "sms-form-phc";
        await gateway.RegisterFacility(facility, "sms-form-d");
        using var admin = await gateway.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/subscriptions",
            new { channel = "sms", target = "+33612345678", facility, role = "facility_head" })).StatusCode);
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-1);
        await pharmacist.PostAccepted(facility, ApiSteps.StockEvent("fluoxetine-cap-20mg", "receipt", 5, at),
            ApiSteps.StockEvent("fluoxetine-cap-20mg", "issue", 5, at.AddMinutes(1)));
        Assert.Single(await head.AlertItems("?kind=stock_out"));

        await SmsJsonDeliveryTests.RunDelivery(admin);
        await SmsJsonDeliveryTests.RunDelivery(admin);

        var call = Assert.Single(gateway.Receiver.Calls);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC-account:auth-token")), call.Authorization);
        var form = HttpUtility.ParseQueryString(call.Body);
        Assert.Equal("+33612345678", form["To"]);
        Assert.Equal("+15005550006", form["From"]);
        Assert.StartsWith("MhSupply alert: ", form["Body"]);
        Assert.InRange(form["Body"]!.Length, 20, 160);
    }
}
