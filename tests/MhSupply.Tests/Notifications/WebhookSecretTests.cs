using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using MhSupply.Notifications;
using MhSupply.Privacy;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Notifications;

/// <summary>Webhook secrets at rest: shown once, stored sealed, still signing across a key rotation.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class WebhookSecretTests(DeliveryGatewayFactory gateway)
{
    private const string Medicine = "valproate-sodium-tab-200mg";

    [Fact]
    public async Task A_webhook_secret_is_shown_in_the_creation_answer_only_and_stored_only_sealed_with_the_current_key()
    {
        const string chosen = "a-secret-the-partner-chose-for-us";
        using var admin = await gateway.ClientFor("admin");
        var withChosen = await admin.PostAsJsonAsync("/api/v1/subscriptions",
            new { channel = "webhook", target = "https://partner.test/hooks/a", secret = chosen, district = "secret-shown-d" });
        var withGenerated = await admin.PostAsJsonAsync("/api/v1/subscriptions",
            new { channel = "webhook", target = "https://partner.test/hooks/b", district = "secret-shown-d" });
        Assert.Equal(HttpStatusCode.Created, withChosen.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withGenerated.StatusCode);
        var created = new[] { await withChosen.Content.ReadFromJsonAsync<JsonElement>(), await withGenerated.Content.ReadFromJsonAsync<JsonElement>() };
        var secrets = created.Select(c => c.GetProperty("secret").GetString()!).ToArray();
        Assert.Equal(chosen, secrets[0]);
        Assert.True(secrets[1].Length >= 32, "a generated secret is long");

        var list = await admin.GetStringAsync("/api/v1/subscriptions");

        Assert.All(secrets, s => Assert.DoesNotContain(s, list));
        Assert.All(JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray(), i => Assert.False(i.TryGetProperty("secret", out _)));
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        foreach (var (answer, secret) in created.Zip(secrets))
        {
            var id = answer.GetProperty("id").GetGuid();
            var row = await connection.QuerySingleAsync<(string? Clear, byte[] Sealed, string Text)>(
                "SELECT secret, secret_sealed, s::text FROM mh.subscription s WHERE id = @id", new { id });
            Assert.Null(row.Clear);
            Assert.DoesNotContain(secret, row.Text);
            Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), row.Text);
            Assert.Equal(SecretProtector.KeyIdOfKey(Convert.FromBase64String(DeliveryGatewayFactory.NewSecretKey)), SecretProtector.KeyIdOf(row.Sealed));
        }
    }

    [Fact]
    public async Task A_secret_sealed_with_the_old_key_still_signs_after_the_rotation_and_again_once_resealed_with_the_new_key()
    {
        const string facility = "rotate-phc-1";
        const string secret = "sealed-before-the-key-rotation";
        using var webhook = new WebhookReceiver();
        webhook.Start();
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{facility}", new { name = "Rotation PHC", level = "phc", district = "rotate-d", region = "r" }))
            .EnsureSuccessStatusCode();
        // A subscription from before the rotation: its secret sealed with the key that is now the old one.
        var subscription = Guid.NewGuid();
        await using (var connection = await gateway.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO mh.subscription (id, channel, target, secret_sealed, district, active, created_at, created_by)
                VALUES (@subscription, 'webhook', @target, @sealedSecret, 'rotate-d', true, now(), 'admin')
                """, new
            {
                subscription, target = webhook.Url,
                sealedSecret = new SecretProtector([DeliveryGatewayFactory.OldSecretKey]).Seal(secret, subscription),
            });
        }
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-1);

        await pharmacist.PostAccepted(facility, Event("receipt", 10, at), Event("issue", 10, at.AddMinutes(1)));
        await RunJob(admin, NotificationDeliveryJob.JobName);
        var reseal = await RunJob(admin, WebhookSecretSealing.JobName);
        await pharmacist.PostAccepted(facility, Event("receipt", 5, at.AddMinutes(2)));
        await RunJob(admin, NotificationDeliveryJob.JobName);

        var calls = webhook.Calls.ToList();
        Assert.Equal(["raised", "resolved"], calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("change").GetString()));
        Assert.All(calls, c => Assert.True(WebhookSignature.Verify(secret, c.Body, c.Signature), "signature verifies with the secret"));
        Assert.Contains("1 re-sealed with key", reseal);
        await using var check = await gateway.Database.DataSource.OpenConnectionAsync();
        var stored = await check.QuerySingleAsync<byte[]>("SELECT secret_sealed FROM mh.subscription WHERE id = @subscription", new { subscription });
        Assert.Equal(secret, new SecretProtector([DeliveryGatewayFactory.NewSecretKey]).Open(stored, subscription));
    }

    private static async Task<string> RunJob(HttpClient admin, string job)
    {
        var response = await admin.PostAsync($"/api/v1/admin/jobs/{job}/run", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetString()!;
    }

    private static object Event(string type, int quantity, DateTimeOffset at) => ApiSteps.StockEvent(Medicine, type, quantity, at);
}
