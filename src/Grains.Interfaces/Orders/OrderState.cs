namespace MhSupply.Orders;

/// <summary>
/// An order as committed (docs/api.md "Orders, transfers and redistribution"): the grain holds it, the store keeps it as
/// the row's snapshot, and readers map it to the answer. Replaced whole by each step, never edited.
/// </summary>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderState")]
public sealed record OrderState(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Version,
    [property: Id(2)] string Facility,
    [property: Id(3)] string Supplier,
    [property: Id(4)] string District,
    [property: Id(5)] string Status,
    [property: Id(6)] DateTimeOffset StatusAt,
    [property: Id(7)] bool Emergency,
    [property: Id(8)] string? Note,
    [property: Id(9)] OrderLineState[] Lines,
    [property: Id(10)] OrderShipmentLine[] Shipment,
    [property: Id(11)] OrderShipmentLine[] Receipt,
    [property: Id(12)] OrderDiscrepancyState[] Discrepancies,
    [property: Id(13)] OrderHistoryEntry[] History)
{
    /// <summary>The snapshot's JSON shape: the store writes it, the grain and the list read it (and SQL reads its <c>lines</c>).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static OrderState FromJson(string snapshot) => System.Text.Json.JsonSerializer.Deserialize<OrderState>(snapshot, Json)!;

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);
}

/// <summary>One medicine of an order: what was asked for, approved, shipped (lots summed) and received.</summary>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderLineState")]
public sealed record OrderLineState(
    [property: Id(0)] string Medicine,
    [property: Id(1)] int Requested,
    [property: Id(2)] int? Approved = null,
    [property: Id(3)] int? Shipped = null,
    [property: Id(4)] int? Received = null);

/// <summary>A lot as it left the supplier or arrived: what the transfer events recorded.</summary>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderShipmentLine")]
public sealed record OrderShipmentLine(
    [property: Id(0)] string Medicine,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string? Lot,
    [property: Id(3)] DateOnly? Expiry);

/// <summary>A medicine received short of, or beyond, what was shipped (the domain's OrderDiscrepancy).</summary>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderDiscrepancyState")]
public sealed record OrderDiscrepancyState(
    [property: Id(0)] string Medicine,
    [property: Id(1)] int Shipped,
    [property: Id(2)] int Received);

/// <summary>One step of the order's audited history: the state it led to, when it happened, who took it and why.</summary>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderHistoryEntry")]
public sealed record OrderHistoryEntry(
    [property: Id(0)] string Status,
    [property: Id(1)] string Action,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By,
    [property: Id(4)] string? Reason);
