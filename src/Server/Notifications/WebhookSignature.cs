using System.Security.Cryptography;
using System.Text;

namespace MhSupply.Notifications;

/// <summary>
/// The <c>X-MhSupply-Signature</c> header: "sha256=" + hex HMAC-SHA256 of the exact body bytes with the subscriber's
/// secret, so a receiver can check that a call came from us and was not altered.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-MhSupply-Signature";
    public const string DeliveryHeader = "X-MhSupply-Delivery";

    public static string Compute(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, byte[] body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(header));
}
