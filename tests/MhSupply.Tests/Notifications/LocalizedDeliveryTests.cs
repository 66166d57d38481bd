using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Sms;
using MimeKit;

namespace MhSupply.Tests.Notifications;

/// <summary>
/// A gateway (with its silo) whose alert e-mails go to a real SMTP server process and SMS to a real HTTP SMS gateway, both
/// on 127.0.0.1, and webhooks to a real HTTP listener.
/// </summary>
public sealed class LocalizedDeliveryGatewayFactory : GatewayFactory
{
    public LocalizedDeliveryGatewayFactory()
    {
        Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        Settings["Notifications:Smtp:Port"] = Smtp.Port.ToString();
        Settings["Notifications:Smtp:From"] = "alerts@mhsupply.test";
        Settings["Notifications:Sms:Url"] = Sms.Url;
        Settings["Notifications:WebhookTimeout"] = "00:00:05";
        // Up from the start: these tests are about the words, not about channels that come back.
        Smtp.Start();
        Webhook.Start();
    }

    public SmtpSink Smtp { get; } = new();

    public SmsGatewayReceiver Sms { get; } = new();

    public WebhookReceiver Webhook { get; } = new();

    public override async Task DisposeAsync()
    {
        Smtp.Dispose();
        Sms.Dispose();
        Webhook.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalizedDeliveryCollection : ICollectionFixture<LocalizedDeliveryGatewayFactory>
{
    public const string Name = "localized-delivery";
}

/// <summary>
/// Each subscriber reads an alert in their subscription's language: the e-mail's subject and body and the SMS are the web
/// app's French strings filled with the alert's parameters; an English subscriber gets English; a webhook keeps the
/// English message and adds the code and parameters for machines.
/// </summary>
[Collection(LocalizedDeliveryCollection.Name)]
public sealed class LocalizedDeliveryTests(LocalizedDeliveryGatewayFactory gateway)
{
    private const string Medicine = "valproate-sodium-tab-200mg";
    private const string MedicineName = "Sodium valproate 200 mg enteric-coated tablet";

    /// <summary>The web app's strings of a language, read from the source tree (the same files the server embeds).</summary>
    private static Dictionary<string, string> Strings(string language)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "src", "Gateway", "wwwroot", "i18n", language + ".json");
            if (File.Exists(file))
            {
                return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
            }
        }
        throw new FileNotFoundException(language + ".json");
    }

    [Fact]
    public async Task A_french_subscriber_gets_the_stock_out_in_french_by_email_and_sms_an_english_one_in_english_and_a_webhook_the_codes()
    {
        const string facility = "lang-phc-1", district = "lang-d";
        const string phone = "+254700000171";
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{facility}", new { name = "Centre Lang", level = "phc", district, region = "r" }))
            .EnsureSuccessStatusCode();
        var created = new List<JsonElement>();
        foreach (var body in new object[]
                 {
                     new { channel = "email", target = "chef@lang.test", facility, kinds = new[] { "stock_out" }, language = "fr" },
                     new { channel = "sms", target = phone, facility, kinds = new[] { "stock_out" }, language = "fr" },
                     new { channel = "email", target = "head@lang.test", facility, kinds = new[] { "stock_out" } },
                     new { channel = "webhook", target = gateway.Webhook.Url, secret = "a-webhook-secret-of-32-characters", facility, kinds = new[] { "stock_out" }, language = "fr" },
                 })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/subscriptions", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        Assert.Equal(["fr", "fr", "en", "fr"], created.Select(c => c.GetProperty("language").GetString()));
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/subscriptions");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("target").GetString() == phone && s.GetProperty("language").GetString() == "fr");

        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-1);
        await pharmacist.PostAccepted(facility, ApiSteps.StockEvent(Medicine, "receipt", 10, at), ApiSteps.StockEvent(Medicine, "issue", 10, at.AddMinutes(1)));
        Assert.Single(await head.AlertItems("?kind=stock_out"));
        var run = await admin.PostAsync("/api/v1/admin/jobs/notification-delivery/run", null);
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());

        var fr = Strings("fr");
        var frenchText = fr["alertText.stock_out"].Replace("{medicine}", MedicineName).Replace("{facility}", "Centre Lang");
        var mails = gateway.Smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)))).ToList();
        var french = Assert.Single(mails, m => m.To.ToString().Contains("chef@lang.test", StringComparison.Ordinal));
        Assert.Equal(fr["alertText.mail.subject"].Replace("{kind}", fr["alertKind.stock_out"]).Replace("{change}", fr["alertText.change.raised"])
            .Replace("{facility}", "Centre Lang"), french.Subject);
        Assert.StartsWith(frenchText + "\n", french.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(fr["alertStatus.open"], french.TextBody, StringComparison.Ordinal);
        Assert.Contains(gateway.Smtp.Messages(), raw => raw.Contains("chef@lang.test", StringComparison.Ordinal)
            && raw.Contains("Content-Language: fr", StringComparison.OrdinalIgnoreCase));

        var english = Assert.Single(mails, m => m.To.ToString().Contains("head@lang.test", StringComparison.Ordinal));
        Assert.StartsWith($"{MedicineName} is stocked out at Centre Lang.", english.TextBody, StringComparison.Ordinal);
        Assert.Equal("[MhSupply] Alert: Stock-out (raised) at Centre Lang", english.Subject);

        var sms = Assert.Single(gateway.Sms.Calls, c => JsonDocument.Parse(c.Body).RootElement.GetProperty("to").GetString() == phone);
        var smsText = JsonDocument.Parse(sms.Body).RootElement.GetProperty("text").GetString();
        Assert.Equal(fr["alertText.sms.raised"].Replace("{text}", frenchText), smsText);

        var hook = Assert.Single(gateway.Webhook.Calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("alert")),
            a => a.GetProperty("facility").GetString() == facility);
        Assert.Equal($"{MedicineName} is stocked out at Centre Lang.", hook.GetProperty("message").GetString());
        Assert.Equal("stock_out", hook.GetProperty("messageCode").GetString());
        Assert.Equal(Medicine, hook.GetProperty("messageParams").GetProperty("medicine").GetString());
        Assert.Equal(facility, hook.GetProperty("messageParams").GetProperty("facility").GetString());
    }

    [Fact]
    public async Task A_french_coordinator_gets_a_referral_deadline_alert_in_french_words_with_the_day_in_french()
    {
        var kit = await new MhSupply.Tests.Referrals.ReferralTestKit(gateway, "lang-ref").RegisterAsync(["Centre Lang Réf", "Hôpital Lang", "Lang Outreach"]);
        using var admin = await gateway.ClientFor("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            channel = "email", target = "coordination@lang.test", district = kit.District, role = "referral_coordinator", language = "fr",
        })).StatusCode);
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, created) = await kit.Refer(phc, "urgent");
        var patient = (await MhSupply.Tests.Referrals.ReferralTestKit.Json(created)).GetProperty("patient").GetProperty("code").GetString()!;
        var accepted = gateway.Clock.GetUtcNow();
        await MhSupply.Tests.Referrals.ReferralTestKit.Json(await MhSupply.Tests.Referrals.ReferralTestKit.Act(psychiatrist, id, "accept", new { at = accepted }));

        gateway.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        await kit.RunScan();
        var run = await admin.PostAsync("/api/v1/admin/jobs/notification-delivery/run", null);
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());

        var fr = Strings("fr");
        var due = accepted.AddDays(3).UtcDateTime;
        var expected = fr["alertText.referral_not_booked"]
            .Replace("{patient}", patient).Replace("{urgency}", fr["alertText.urgency.urgent"])
            .Replace("{from}", "Centre Lang Réf").Replace("{to}", "Hôpital Lang")
            .Replace("{wait}", fr["alertText.wait.days"].Replace("{n}", "3"))
            .Replace("{due}", $"{due.Day} {fr["sms.format.months"].Split(',')[due.Month - 1].Trim()} {due.Year}");
        var mail = Assert.Single(gateway.Smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)))),
            m => m.To.ToString().Contains("coordination@lang.test", StringComparison.Ordinal));
        Assert.Equal(fr["alertText.mail.subject"].Replace("{kind}", fr["alertKind.referral_not_booked"]).Replace("{change}", fr["alertText.change.raised"])
            .Replace("{facility}", "Hôpital Lang"), mail.Subject);
        Assert.StartsWith(expected + "\n", mail.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_the_app_has_no_strings_for_is_refused_naming_the_field_and_nothing_is_created()
    {
        using var admin = await gateway.ClientFor("admin");
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/subscriptions")).GetProperty("total").GetInt32();

        var response = await admin.PostAsJsonAsync("/api/v1/subscriptions", new { channel = "email", target = "x@lang.test", language = "de" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("language", out _));
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/subscriptions")).GetProperty("total").GetInt32());
    }
}
