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

        // Drafts, steps and their lines (OrderGrain, OrderLines, the gateway's order reader).
        ["order.not_requested"] = "{medicine} was not requested on this order. Approve quantities only for the medicines it asks for.",
        ["order.nothing_approved"] = "Every quantity approved is 0. Approve at least one medicine, or reject the order and say why.",
        ["order.not_approved_line"] = "{medicine} is not approved on this order, so it cannot be shipped with it.",
        ["order.ship_over_approved"] = "{medicine}: {shipped} shipped but {approved} approved. Ship at most what was approved.",
        ["order.nothing_shipped"] = "The shipment has no quantity above 0. Enter what leaves the store, lot by lot.",
        ["order.id_taken"] = "This order id already belongs to another facility's order. Start the new order again: it gets a new id.",
        ["order.not_a_draft"] = "This order is {status}, so its lines can no longer be changed. Start a new order for what is still needed.",
        ["order.changed_meanwhile"] = "Someone else changed this order a moment ago. Open it again to see where it stands, then retry.",
        ["order.not_found"] = "No such order is within your reach.",
        ["order.at_before_last_step"] = "The step is dated {at}, before the order's last step ({lastAt}). Check the date.",
        ["order.at_future"] = "The step is dated {at}, later than now ({now}). Check the phone's date and time.",
        ["order.only_district"] = "Only the district manager or an administrator may move stock between the district's facilities.",
        ["order.redistribution_beyond_minimum"] = "{from} can give at most {givable} of {medicine} today and keep its minimum of {keeps} ({soh} on hand). Move {givable} or fewer.",
        ["order.redistribution_nothing_to_spare"] = "{from} has no {medicine} to spare today ({soh} on hand, {keeps} kept as its minimum): redistribution moves only stock a facility can give and stay above its minimum.",
        ["order.redistribution_beyond_minimum_promised"] = "{from} can give at most {givable} of {medicine} today: of the {soh} it holds, {promised} are promised to other orders and {keeps} are its minimum. Move {givable} or fewer.",
        ["order.redistribution_nothing_to_spare_promised"] = "{from} has no {medicine} to spare today: of the {soh} it holds, {promised} are promised to other orders and {keeps} are its minimum.",
        ["order.not_same_district"] = "{from} and {to} are not in the same district: redistribution moves stock within one district.",
        ["order.id_invalid"] = "The order needs an id: a UUID made by the phone, so that a retry is recognised.",
        ["order.facility_required"] = "Name the facility that orders, by its id.",
        ["order.facility_unknown"] = "No facility '{facility}' is registered.",
        ["order.no_supplier"] = "{facility} has no supplier: no warehouse is registered in its district and no supply line names one. Ask an administrator to set its supply line.",
        ["order.supplier_self"] = "A facility cannot order from itself: name another supplier.",
        ["order.lines_required"] = "The order needs 1 to {max} lines, each a medicine and a quantity.",
        ["order.line_twice"] = "{medicine} is already on line {line}; put each medicine once.",
        ["order.quantity_invalid"] = "The quantity is {value}: give a whole number from {min} to {max}.",
        ["order.unknown_medicine"] = "'{medicine}' is not on the medicines list.",
        ["order.text_too_long"] = "This text is {length} characters long; keep it to {max}.",
        ["order.expiry_invalid"] = "The expiry '{value}' is not a date (YYYY-MM-DD).",
        ["order.boolean_invalid"] = "Emergency is true or false.",
        ["order.at_invalid"] = "The time '{value}' is not a date and time with its offset (2026-12-03T09:30:00+03:00).",
        ["order.body_invalid"] = "The request is not a JSON object with the fields of this step.",
        ["order.status_invalid"] = "status must be one of {allowed}.",
        ["order.supplier_unknown"] = "No facility '{supplier}' is registered to supply it.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
