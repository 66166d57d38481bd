namespace MhSupply.Stock;

/// <summary>
/// One medicine's figures at a facility as at the end of a day (docs/api.md "Stock"), with what is on order and in transit
/// from its orders, what the active treatment plans need, and whether an order for it is an emergency (below EOP).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.StockItemView")]
public sealed record StockItemView(
    [property: Id(0)] string Medicine,
    [property: Id(1)] int Soh,
    [property: Id(2)] double? Amc,
    [property: Id(3)] double? Mos,
    [property: Id(4)] string Status,
    [property: Id(5)] int StockoutDaysThisMonth,
    [property: Id(6)] DateOnly? ProjectedStockoutDate,
    [property: Id(7)] int? SuggestedOrder,
    [property: Id(8)] DateTimeOffset? LastEventAt,
    [property: Id(9)] LotView[] Lots,
    [property: Id(10)] int OnOrder = 0,
    [property: Id(11)] int InTransit = 0,
    [property: Id(12)] double? PlanDemand = null,
    [property: Id(13)] int PatientsOnPlan = 0,
    [property: Id(14)] bool Emergency = false);

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.LotView")]
public sealed record LotView(
    [property: Id(0)] string Lot,
    [property: Id(1)] DateOnly? Expiry,
    [property: Id(2)] int Soh);

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.FacilityStockView")]
public sealed record FacilityStockView(
    [property: Id(0)] string Facility,
    [property: Id(1)] DateOnly AsOf,
    [property: Id(2)] StockItemView[] Items);
