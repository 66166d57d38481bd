using MhSupply.Stock;

namespace MhSupply.Orders;

/// <summary>
/// The transfer events a shipment and a receipt record: <c>transfer_out</c> at the supplier naming the ordering facility,
/// <c>transfer_in</c> at the facility naming the supplier, one per lot, so the two cards tell the same movement. Ids are
/// derived from the order, the step, the medicine and the lot (<see cref="DerivedIds"/>): a retried step gives the same
/// ids, and the ledger answers duplicate instead of recording the stock twice.
/// </summary>
public static class OrderTransfers
{
    private const string Domain = "mhsupply/order-transfer/v1";

    public static StockEventInput[] Out(OrderState order, IReadOnlyList<OrderShipmentLine> shipment, DateTimeOffset at) =>
        Events(order, "ship", "transfer_out", order.Facility, shipment, at);

    public static StockEventInput[] In(OrderState order, IReadOnlyList<OrderShipmentLine> receipt, DateTimeOffset at) =>
        Events(order, "receive", "transfer_in", order.Supplier, receipt, at);

    /// <summary>
    /// What arrived: the lines the pharmacist counted, or the shipment as it left when they name none ("received as
    /// shipped"). A lot keeps the expiry it was shipped with; a line naming no lot of a medicine shipped in one lot is that lot.
    /// </summary>
    public static IReadOnlyList<OrderShipmentLine> Receipt(OrderState order, IReadOnlyList<OrderShipmentLine>? counted)
    {
        if (counted is null)
        {
            return order.Shipment;
        }
        return
        [
            .. counted.Select(line =>
            {
                var shippedLots = order.Shipment.Where(s => s.Medicine == line.Medicine).ToList();
                var lot = string.IsNullOrWhiteSpace(line.Lot) && shippedLots.Count == 1 ? shippedLots[0].Lot : line.Lot?.Trim();
                var expiry = line.Expiry ?? shippedLots.FirstOrDefault(s => string.Equals(s.Lot, lot, StringComparison.Ordinal))?.Expiry;
                return line with { Lot = string.IsNullOrWhiteSpace(lot) ? null : lot, Expiry = expiry };
            }),
        ];
    }

    private static StockEventInput[] Events(OrderState order, string step, string type, string counterpart, IEnumerable<OrderShipmentLine> lines,
        DateTimeOffset at)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = new List<StockEventInput>();
        foreach (var line in lines.Where(l => l.Quantity > 0))
        {
            var content = string.Join('\u001f', step, line.Medicine, line.Lot ?? "");
            var ordinal = seen.TryGetValue(content, out var n) ? n + 1 : 0;
            seen[content] = ordinal;
            events.Add(new StockEventInput(DerivedIds.Derive(Domain, order.Id.ToString(), content, ordinal), line.Medicine, type, line.Quantity, at,
                null, line.Lot, line.Expiry, counterpart, $"order {order.Id}"));
        }
        return [.. events];
    }
}
