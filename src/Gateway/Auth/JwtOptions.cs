namespace MhSupply.Gateway.Auth;

/// <summary>"Auth" configuration: who issues tokens and the key that signs them.</summary>
public sealed class JwtOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "mhsupply";

    public string Audience { get; set; } = "mhsupply-api";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes. Development generates one under the data folder.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of tokens issued by the development token endpoint.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
