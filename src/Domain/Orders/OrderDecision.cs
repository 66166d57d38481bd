using MhSupply.Messages;

namespace MhSupply.Orders;

/// <summary>The outcome of <see cref="OrderRules.Decide"/>, in the order the checks are made.</summary>
public enum OrderDecisionKind
{
    Allowed = 1,

    /// <summary>The order's state has no such step (409, naming the current state).</summary>
    ForbiddenTransition,

    /// <summary>The step exists but not for this capacity (403).</summary>
    ForbiddenRole,

    /// <summary>The step needs a reason and none, or one too long, was given (400 on <c>reason</c>).</summary>
    ReasonRequired,
}

/// <summary>Whether an order step may be taken; when allowed, the state it leads to, otherwise the message for problem details.</summary>
public sealed record OrderDecision(OrderDecisionKind Kind, OrderStatus? NewStatus, UserMessage? Problem)
{
    public bool IsAllowed => Kind == OrderDecisionKind.Allowed;
}
