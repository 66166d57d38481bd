namespace MhSupply.Messages;

/// <summary>
/// The messages of alert subscriptions (who is told of an alert, by e-mail, webhook or SMS) and of acknowledging an
/// alert: what is wrong with a subscription, and who may subscribe or acknowledge. Web keys: <c>error.{code}</c>.
/// </summary>
public static class SubscriptionMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["subscription.channel_invalid"] = "Choose how to be told: e-mail, webhook or SMS.",
        ["subscription.email_invalid"] = "\"{value}\" is not an e-mail address. Write it as name@example.org.",
        ["subscription.url_invalid"] = "\"{value}\" is not a web address the alerts can be sent to: give a full http:// or https:// address.",
        ["subscription.secret_length"] = "The webhook's secret is 16 to {max} characters; this one has {length}. Leave it empty and one is made for you.",
        ["subscription.phone_invalid"] = "\"{value}\" is not a phone number in international form: write it with + and the country code, for example +254712345678.",
        ["subscription.role_invalid"] = "\"{value}\" is not a role that receives alerts. Use one of: {allowed}.",
        ["subscription.kind_invalid"] = "\"{value}\" is not a kind of alert. Use one of: {allowed}.",
        ["subscription.language_invalid"] = "\"{value}\" is not a language alerts are written in. Use one of: {allowed}.",
        ["subscription.scope_both"] = "Subscribe for a facility or for a district, not both.",
        ["subscription.facility_unknown"] = "The facility \"{value}\" is not registered. Choose one from the list.",
        ["subscription.forbidden"] = "Subscriptions are managed by admins, district managers and facility heads.",
        ["subscription.own_facility_only"] = "Facility heads subscribe for their own facility: choose it as the facility.",
        ["subscription.own_districts_only"] = "Subscriptions outside your districts are for admins.",
        ["subscription.not_in_scope"] = "There is no such subscription within your scope. Reload the list.",

        ["alert.status_invalid"] = "\"{value}\" is not an alert status. Use one of: {allowed}.",
        ["alert.kind_invalid"] = "\"{value}\" is not a kind of alert. Use one of: {allowed}.",
        ["alert.note_too_long"] = "The note is {length} characters long; keep it to {max}.",
        ["alert.not_in_scope"] = "There is no such alert within your scope. Reload the inbox.",
        ["alert.acknowledge_forbidden"] = "Acknowledging is for facility heads, coordinators and managers.",
        ["alert.already_resolved"] = "This alert is already resolved: there is nothing left to acknowledge.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
