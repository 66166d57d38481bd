using MhSupply.Alerts;
using MhSupply.Reference;
using Npgsql;

namespace MhSupply.Orders;

/// <summary>
/// What an order step does to the order's alerts, in the step's transaction: a submitted order waits for approval (to the
/// supplier and the district, after Alerts:OrderApprovalDelay), a shipped one for its receipt (to the ordering facility,
/// after Alerts:ShipmentReceiptDelay); the step that ends a wait clears its deadline and resolves its alert.
/// </summary>
public sealed class OrderAlerts(FacilityDirectory facilities, AlertOptions options, TimeZoneInfo zone)
{
    public async Task<IReadOnlyList<NpgsqlBatchCommand>> ForAsync(OrderState next, string actor, DateTimeOffset now)
    {
        var resolve = AlertWriter.ResolveOrderAlerts(next.Id, now, actor);
        switch (next.Status)
        {
            case "submitted":
                var approval = AlertMessages.OrderNotApproved(next.Id, await Named(next.Facility), await Named(next.Supplier), next.StatusAt,
                    options.OrderApprovalDelay, next.Lines.Length, next.Emergency, zone);
                return [AlertWriter.OrderDeadline(next.Id, AlertKinds.OrderNotApproved, next.StatusAt + options.OrderApprovalDelay, next.Supplier,
                    next.District, approval)];
            case "shipped":
                var receipt = AlertMessages.ShipmentNotReceived(next.Id, await Named(next.Facility), await Named(next.Supplier), next.StatusAt,
                    options.ShipmentReceiptDelay, next.Shipment.Sum(l => l.Quantity), zone);
                return [resolve, AlertWriter.OrderDeadline(next.Id, AlertKinds.ShipmentNotReceived, next.StatusAt + options.ShipmentReceiptDelay,
                    next.Facility, next.District, receipt)];
            case "draft":
                return [];
            default:
                return [resolve, AlertWriter.ClearOrderDeadline(next.Id)];
        }
    }

    private async Task<Named> Named(string facility) => new(facility, (await facilities.FindAsync(facility))?.Name ?? facility);
}
