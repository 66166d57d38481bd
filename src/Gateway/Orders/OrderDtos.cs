using MhSupply.Gateway.Stock;
using MhSupply.Messages;
using MhSupply.Orders;
using MhSupply.Reference;

namespace MhSupply.Gateway.Orders;

/// <summary>An order as answered (docs/api.md "Orders"): the contract's fields, with names beside the ids and what the caller may do next.</summary>
public sealed record OrderDto(Guid Id, string Facility, string FacilityName, string Supplier, string SupplierName, string District,
    string Status, DateTimeOffset StatusAt, bool Emergency, string? Note, IReadOnlyList<OrderLineDto> Lines, IReadOnlyList<OrderLotDto> Shipment,
    IReadOnlyList<OrderLotDto> Receipt, IReadOnlyList<OrderDiscrepancyDto> Discrepancies, IReadOnlyList<OrderHistoryDto> History,
    IReadOnlyList<string> AllowedActions);

public sealed record OrderLineDto(string Medicine, string MedicineName, int Requested, int? Approved, int? Shipped, int? Received);

public sealed record OrderLotDto(string Medicine, string MedicineName, int Quantity, string? Lot, DateOnly? Expiry);

/// <summary>A short or excess delivery, with its words (<c>message</c>, code and parameters for the web app's languages).</summary>
public sealed record OrderDiscrepancyDto(string Medicine, string MedicineName, int Shipped, int Received, int Difference, string Message,
    string Code, IReadOnlyDictionary<string, object> Params);

public sealed record OrderHistoryDto(string Status, string Action, DateTimeOffset At, string By, string? Reason);

/// <summary>Maps committed orders to answers, naming facilities from the registry and medicines from the list.</summary>
public sealed class OrderViews(FacilityDirectory facilities, MedicineCatalog catalog)
{
    public async Task<OrderDto> ToDtoAsync(OrderState order, IReadOnlyList<string> allowed, CancellationToken cancellationToken = default) =>
        (await ToDtosAsync([(order, allowed)], cancellationToken))[0];

    public async Task<IReadOnlyList<OrderDto>> ToDtosAsync(IReadOnlyList<(OrderState Order, IReadOnlyList<string> Allowed)> orders,
        CancellationToken cancellationToken = default)
    {
        var names = new MedicineNames(await catalog.ListAsync(includeRetired: true, cancellationToken));
        string Medicine(string code) => names.NameOf(code) ?? code;
        var places = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in orders.SelectMany(o => new[] { o.Order.Facility, o.Order.Supplier }).Distinct())
        {
            places[id] = (await facilities.FindAsync(id, cancellationToken))?.Name ?? id;
        }
        return
        [
            .. orders.Select(x =>
            {
                var o = x.Order;
                return new OrderDto(o.Id, o.Facility, places[o.Facility], o.Supplier, places[o.Supplier], o.District, o.Status, o.StatusAt, o.Emergency,
                    o.Note,
                    [.. o.Lines.Select(l => new OrderLineDto(l.Medicine, Medicine(l.Medicine), l.Requested, l.Approved, l.Shipped, l.Received))],
                    [.. o.Shipment.Select(l => new OrderLotDto(l.Medicine, Medicine(l.Medicine), l.Quantity, l.Lot, l.Expiry))],
                    [.. o.Receipt.Select(l => new OrderLotDto(l.Medicine, Medicine(l.Medicine), l.Quantity, l.Lot, l.Expiry))],
                    [.. o.Discrepancies.Select(d =>
                    {
                        var words = new OrderDiscrepancy(d.Medicine, d.Shipped, d.Received).Describe(Medicine(d.Medicine));
                        return new OrderDiscrepancyDto(d.Medicine, Medicine(d.Medicine), d.Shipped, d.Received, d.Received - d.Shipped, words.Text,
                            words.Code, words.Params);
                    })],
                    [.. o.History.Select(h => new OrderHistoryDto(h.Status, h.Action, h.At, h.By, h.Reason))],
                    x.Allowed);
            }),
        ];
    }
}
