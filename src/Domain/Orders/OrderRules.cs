using MhSupply.Messages;

namespace MhSupply.Orders;

/// <summary>
/// The order state machine (issue 18, item 1): draft → submitted → approved or rejected → shipped → received, cancelled
/// until it ships. Which step moves which state where, who may take it, and when it needs a reason. Checks run in the
/// order the API reports them: an impossible step is a conflict with the order's state (409) whoever asks, then the
/// capacity (403), then the reason (400).
/// </summary>
public static class OrderRules
{
    /// <summary>Longest reason accepted: it is stored in every history row.</summary>
    public const int MaxReasonLength = 1000;

    public static OrderDecision Decide(OrderStatus current, OrderAction action, OrderRole actor, string? reason)
    {
        if (Target(current, action) is not { } next)
        {
            return new OrderDecision(OrderDecisionKind.ForbiddenTransition, null, ForbiddenTransitionMessage(current, action));
        }
        if (!MayAct(action, actor))
        {
            return new OrderDecision(OrderDecisionKind.ForbiddenRole, null,
                OrderMessages.Of(WhoMay(action), ("action", ActionName(action))));
        }
        if (RequiresReason(action) && string.IsNullOrWhiteSpace(reason))
        {
            return new OrderDecision(OrderDecisionKind.ReasonRequired, null, OrderMessages.Of("order.reason_required", ("action", ActionName(action))));
        }
        if (reason is { Length: > MaxReasonLength })
        {
            return new OrderDecision(OrderDecisionKind.ReasonRequired, null,
                OrderMessages.Of("order.reason_too_long", ("length", reason.Length), ("max", MaxReasonLength)));
        }
        return new OrderDecision(OrderDecisionKind.Allowed, next, null);
    }

    /// <summary>The steps to offer this capacity on an order in <paramref name="current"/>, in enum order.</summary>
    public static IReadOnlyList<OrderAction> AllowedActions(OrderStatus current, OrderRole actor) =>
        Enum.GetValues<OrderAction>().Where(a => Target(current, a) is not null && MayAct(a, actor)).ToArray();

    /// <summary>Refusing and withdrawing an order tell the other side why.</summary>
    public static bool RequiresReason(OrderAction action) => action is OrderAction.Reject or OrderAction.Cancel;

    /// <summary>Whether the order is over: nothing more will move stock because of it.</summary>
    public static bool IsClosed(OrderStatus status) => status is OrderStatus.Rejected or OrderStatus.Received or OrderStatus.Cancelled;

    /// <summary>The state a step leads to from <paramref name="current"/>, or null when the state machine has no such step.</summary>
    internal static OrderStatus? Target(OrderStatus current, OrderAction action) => (current, action) switch
    {
        (OrderStatus.Draft, OrderAction.Submit) => OrderStatus.Submitted,
        (OrderStatus.Submitted, OrderAction.Approve) => OrderStatus.Approved,
        (OrderStatus.Submitted, OrderAction.Reject) => OrderStatus.Rejected,
        (OrderStatus.Approved, OrderAction.Ship) => OrderStatus.Shipped,
        (OrderStatus.Shipped, OrderAction.Receive) => OrderStatus.Received,
        // Once shipped, the stock has left the supplier's card: the order is closed by receiving what arrived, never by
        // cancelling, so neither card is left holding a transfer the other does not.
        (OrderStatus.Draft or OrderStatus.Submitted or OrderStatus.Approved, OrderAction.Cancel) => OrderStatus.Cancelled,
        _ => null,
    };

    private static bool MayAct(OrderAction action, OrderRole actor) => action switch
    {
        OrderAction.Submit => actor is OrderRole.RequestingHead,
        OrderAction.Approve or OrderAction.Reject => actor is OrderRole.DistrictManager or OrderRole.SupplierHead,
        // A facility head stands in for an absent pharmacist on the stock card, so on both ends of a shipment too.
        OrderAction.Ship => actor is OrderRole.SupplierPharmacist or OrderRole.SupplierHead,
        OrderAction.Receive => actor is OrderRole.RequestingPharmacist or OrderRole.RequestingHead,
        OrderAction.Cancel => actor is OrderRole.RequestingHead or OrderRole.Admin,
        _ => false,
    };

    /// <summary>The refusal naming who may take the step instead (one message per group, so each language words it whole).</summary>
    private static string WhoMay(OrderAction action) => action switch
    {
        OrderAction.Submit => "order.only_head",
        OrderAction.Approve or OrderAction.Reject => "order.only_approver",
        OrderAction.Ship => "order.only_supplier",
        OrderAction.Receive => "order.only_receiver",
        _ => "order.only_head_or_admin",
    };

    private static UserMessage ForbiddenTransitionMessage(OrderStatus current, OrderAction action)
    {
        var currentName = Enum.IsDefined(current) ? current.ToWireName() : current.ToString();
        var from = Enum.GetValues<OrderStatus>().Where(s => Target(s, action) is not null).Select(s => s.ToWireName()).ToArray();
        var next = Enum.GetValues<OrderAction>().Where(a => Target(current, a) is not null).Select(a => a.ToWireName()).ToArray();
        return from.Length == 0
            ? OrderMessages.Of("order.no_such_step", ("action", ActionName(action)), ("allowed", string.Join(", ", WireNames<OrderAction>.All)))
            : next.Length == 0
                ? OrderMessages.Of("order.closed", ("status", currentName), ("action", ActionName(action)))
                : OrderMessages.Of("order.forbidden_transition", ("status", currentName), ("action", ActionName(action)),
                    ("from", new Shown(string.Join(",", from), MessageTemplates.JoinOr(from))),
                    ("next", new Shown(string.Join(",", next), MessageTemplates.JoinOr(next))));
    }

    private static string ActionName(OrderAction action) => Enum.IsDefined(action) ? action.ToWireName() : action.ToString();
}
