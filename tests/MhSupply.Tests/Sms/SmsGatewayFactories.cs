using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Sms;

/// <summary>A gateway whose alerts go by SMS to a RapidPro-style JSON gateway, and whose SMS inbound webhook is open to a token.</summary>
public sealed class SmsJsonGatewayFactory : GatewayFactory
{
    public const string InboundToken = "inbound-token-of-the-sms-gateway";
    public const string ApiToken = "Token rapidpro-api-token";

    public SmsJsonGatewayFactory()
    {
        Settings["Notifications:Sms:Url"] = Receiver.Url;
        Settings["Notifications:Sms:Format"] = "json";
        Settings["Notifications:Sms:ToField"] = "urns";
        Settings["Notifications:Sms:ToPrefix"] = "tel:";
        Settings["Notifications:Sms:ToAsList"] = "true";
        Settings["Notifications:Sms:AuthHeader"] = "Authorization";
        Settings["Notifications:Sms:AuthValue"] = ApiToken;
        Settings["Notifications:WebhookTimeout"] = "00:00:05";
        Settings["Sms:InboundToken"] = InboundToken;
    }

    public SmsGatewayReceiver Receiver { get; } = new();

    public override async Task DisposeAsync()
    {
        Receiver.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>A gateway whose alerts go by SMS to a Twilio-style form gateway with basic authentication.</summary>
public sealed class SmsFormGatewayFactory : GatewayFactory
{
    public SmsFormGatewayFactory()
    {
        Settings["Notifications:Sms:Url"] = Receiver.Url;
        Settings["Notifications:Sms:Format"] = "form";
        Settings["Notifications:Sms:ToField"] = "To";
        Settings["Notifications:Sms:TextField"] = "Body";
        Settings["Notifications:Sms:Fields:From"] = "+15005550006";
        Settings["Notifications:Sms:Username"] = "AC-account";
        Settings["Notifications:Sms:Password"] = "auth-token";
        Settings["Notifications:WebhookTimeout"] = "00:00:05";
    }

    public SmsGatewayReceiver Receiver { get; } = new();

    public override async Task DisposeAsync()
    {
        Receiver.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SmsJsonCollection : ICollectionFixture<SmsJsonGatewayFactory>
{
    public const string Name = "sms-json";
}

[CollectionDefinition(Name)]
public sealed class SmsFormCollection : ICollectionFixture<SmsFormGatewayFactory>
{
    public const string Name = "sms-form";
}
