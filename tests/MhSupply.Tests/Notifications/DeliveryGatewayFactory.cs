using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Notifications;

/// <summary>A gateway configured with an SMTP server on a port where, at first, nothing listens.</summary>
public sealed class DeliveryGatewayFactory : GatewayFactory
{
    public DeliveryGatewayFactory()
    {
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
