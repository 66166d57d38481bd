using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Notifications;

/// <summary>
/// A gateway configured with an SMTP server on a port where, at first, nothing listens, and in the middle of a rotation of
/// the key that seals webhook secrets (Privacy:SecretKeys: the new key, then the old one).
/// </summary>
public sealed class DeliveryGatewayFactory : GatewayFactory
{
    public static readonly string NewSecretKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    public static readonly string OldSecretKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public DeliveryGatewayFactory()
    {
        Settings["Privacy:SecretKeys:0"] = NewSecretKey;
        Settings["Privacy:SecretKeys:1"] = OldSecretKey;
        Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        Settings["Notifications:Smtp:Port"] = Smtp.Port.ToString();
        Settings["Notifications:Smtp:From"] = "alerts@mhsupply.test";
        Settings["Notifications:WebhookTimeout"] = "00:00:05";
    }

    public SmtpSink Smtp { get; } = new();

    public WebhookReceiver Webhook { get; } = new();

    public override async Task DisposeAsync()
    {
        Smtp.Dispose();
        Webhook.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DeliveryCollection : ICollectionFixture<DeliveryGatewayFactory>
{
    public const string Name = "delivery";
}
