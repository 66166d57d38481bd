using MhSupply.Faults;

namespace MhSupply.Orders;

/// <summary>
/// One order, keyed by its client id. Each step is decided by the domain's OrderRules, moves stock through the facilities'
/// stock grains with event ids derived from the order (so a retried step records nothing twice), and is committed before
/// the answer.
/// </summary>
[Alias("mh.orders.IOrderGrain")]
public interface IOrderGrain : IGrainWithGuidKey
{
    /// <summary>Drafts the order, or rewrites its draft; the same draft again is answered as it is.</summary>
    [Alias("Draft"), RetrySafe]
    Task<OrderOutcome> Draft(OrderDraft draft, OrderActor actor);

    /// <summary>Takes a step; a step already taken is answered with the order as it is.</summary>
    [Alias("Act"), RetrySafe]
    Task<OrderOutcome> Act(OrderCommand command, OrderActor actor);

    /// <summary>
    /// Turns a redistribution suggestion into an approved transfer order from one facility of a district to another
    /// (issue 18, item 4), by the district's manager: the source's pharmacist ships it, the receiver receives it.
    /// </summary>
    [Alias("Redistribute"), RetrySafe]
    Task<OrderOutcome> Redistribute(OrderDraft draft, OrderActor actor);

    /// <summary>The order as committed, when the caller may see it.</summary>
    [Alias("Get"), RetrySafe]
    Task<OrderOutcome> Get(OrderActor actor);
}
