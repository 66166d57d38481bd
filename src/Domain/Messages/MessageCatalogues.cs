using MhSupply.Stock;

namespace MhSupply.Messages;

/// <summary>Every catalogue of user-visible messages, by area: what the translation test walks (each code in en, fr, ar).</summary>
public static class MessageCatalogues
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["stock"] = StockMessages.Templates,
            ["referral"] = ReferralMessages.Templates,
            ["order"] = OrderMessages.Templates,
            ["request"] = RequestMessages.Templates,
            ["subscription"] = SubscriptionMessages.Templates,
            ["reference"] = ReferenceMessages.Templates,
            ["sms"] = SmsMessages.Templates,
            ["indicator"] = MhSupply.Indicators.IndicatorMessages.Templates,
            ["dhis2-push"] = MhSupply.Indicators.Dhis2PushMessages.Templates,
        };
}
