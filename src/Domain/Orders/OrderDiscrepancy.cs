using MhSupply.Messages;

namespace MhSupply.Orders;

/// <summary>
/// A medicine that arrived short or in excess of what was shipped (issue 18, item 1): what was received is recorded on the
/// card as it arrived, and the difference is kept for the supplier to explain (lost, stolen, miscounted on the road).
/// </summary>
public sealed record OrderDiscrepancy(string Medicine, int Shipped, int Received)
{
    /// <summary>Received − shipped: negative when short.</summary>
    public int Difference => Received - Shipped;

    /// <summary>The plain words of this difference, naming the medicine as <paramref name="name"/> (the list's name).</summary>
    public UserMessage Describe(string name) => Difference < 0
        ? OrderMessages.Of("order.short_delivery", ("medicine", name), ("shipped", Shipped), ("received", Received), ("missing", -Difference))
        : OrderMessages.Of("order.excess_delivery", ("medicine", name), ("shipped", Shipped), ("received", Received), ("extra", Difference));

    /// <summary>
    /// Per medicine (lots summed: a lot relabelled on the road is not a loss), the medicines whose received total differs
    /// from the shipped total, in the shipment's order, then medicines received that were never shipped.
    /// </summary>
    public static IReadOnlyList<OrderDiscrepancy> Between(IEnumerable<(string Medicine, int Quantity)> shipped,
        IEnumerable<(string Medicine, int Quantity)> received)
    {
        var sent = OrderLines.Totals(shipped);
        var got = OrderLines.Totals(received);
        return
        [
            .. sent.Select(s => new OrderDiscrepancy(s.Key, s.Value, got.GetValueOrDefault(s.Key)))
                .Concat(got.Where(g => !sent.ContainsKey(g.Key)).Select(g => new OrderDiscrepancy(g.Key, 0, g.Value)))
                .Where(d => d.Difference != 0),
        ];
    }
}
