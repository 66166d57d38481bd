namespace MhSupply.Messages;

/// <summary>
/// Every message of orders and shipments, keyed by code: the state machine's refusals (naming the state the order is in
/// and what it allows) and the differences found on receiving. Written for the facility head or pharmacist: what is
/// wrong, with the state or quantities involved, and what to do. Web keys: <c>error.{code}</c> in en, fr and ar.
/// </summary>
public static class OrderMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The state machine (OrderRules): states and steps are wire names.
        ["order.forbidden_transition"] = "This order is {status}, so it cannot take the step '{action}' now: that is for an order that is {from}. From {status} it can go on with: {next}.",
        ["order.closed"] = "This order is {status} and takes no more steps, so it cannot be {action}. Start a new order if stock is still needed.",
        ["order.no_such_step"] = "'{action}' is not a step of an order. The steps are: {allowed}.",
        ["order.only_head"] = "Only the ordering facility's head may {action} this order.",
        ["order.only_approver"] = "Only the district manager or the supplier's head may {action} this order.",
        ["order.only_supplier"] = "Only the supplier's pharmacist or head may {action} this order.",
        ["order.only_receiver"] = "Only the ordering facility's pharmacist or head may {action} this order.",
        ["order.only_head_or_admin"] = "Only the ordering facility's head or an administrator may {action} this order.",
        ["order.reason_required"] = "The reason is required to {action} an order: say why, in a few words.",
        ["order.reason_too_long"] = "The reason is {length} characters long; keep it to {max}.",

        // Receiving (OrderLines).
        ["order.short_delivery"] = "{medicine}: {shipped} shipped, {received} received; {missing} missing. The difference is kept as a discrepancy for the supplier to explain.",
        ["order.excess_delivery"] = "{medicine}: {shipped} shipped, {received} received; {extra} more than shipped. The difference is kept as a discrepancy for the supplier to explain.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
