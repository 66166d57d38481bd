using System.Text;
using MhSupply.Notifications;

namespace MhSupply.Tests.Notifications;

public sealed class NotificationRulesTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(12, 7200)] // 30 s × 2^11 = 61,440 s, capped at 2 h
    public void Retries_back_off_exponentially_up_to_the_cap(int failedAttempts, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), new NotificationOptions().RetryAfter(failedAttempts));
    }

    [Fact]
    public void Webhook_signature_is_the_hex_HMAC_SHA256_of_the_body_and_detects_tampering()
    {
        var body = Encoding.UTF8.GetBytes("{\"change\":\"raised\"}");
        // HMAC-SHA256(key="secret", "{\"change\":\"raised\"}") computed independently with openssl dgst -sha256 -hmac secret.
        var signature = WebhookSignature.Compute("secret", body);

        Assert.Equal("sha256=62dcc3b42d489a57921b9be038a5f0e84385ffcdab528e254672096e2f15173e", signature);
        Assert.True(WebhookSignature.Verify("secret", body, signature));
        Assert.False(WebhookSignature.Verify("other", body, signature));
        Assert.False(WebhookSignature.Verify("secret", Encoding.UTF8.GetBytes("{\"change\":\"resolved\"}"), signature));
    }
}
