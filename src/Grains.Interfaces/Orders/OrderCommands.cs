namespace MhSupply.Orders;

/// <summary>Who asks, as their token says: the grain works out their capacity on the order (the domain's OrderCapacities).</summary>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderActor")]
public sealed record OrderActor(
    [property: Id(0)] string Subject,
    [property: Id(1)] string[] Roles,
    [property: Id(2)] string[] Facilities,
    [property: Id(3)] string[] Districts);

/// <summary>
/// A draft as the facility head writes it (POST /api/v1/orders), already read and checked field by field by the gateway:
/// the supplier resolved (the facility's supply line when none was named), one line per medicine.
/// </summary>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderDraft")]
public sealed record OrderDraft(
    [property: Id(0)] string Facility,
    [property: Id(1)] string Supplier,
    [property: Id(2)] bool Emergency,
    [property: Id(3)] OrderQuantity[] Lines,
    [property: Id(4)] string? Note,
    [property: Id(5)] DateTimeOffset? At);

[GenerateSerializer, Immutable, Alias("mh.orders.OrderQuantity")]
public sealed record OrderQuantity(
    [property: Id(0)] string Medicine,
    [property: Id(1)] int Quantity);

/// <summary>
/// A step (POST /api/v1/orders/{id}/{action}): <see cref="Lines"/> are the approved quantities, the lots shipped or the
/// lots received; null when the step names none (approve as requested, receive as shipped).
/// </summary>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderCommand")]
public sealed record OrderCommand(
    [property: Id(0)] string Action,
    [property: Id(1)] DateTimeOffset? At,
    [property: Id(2)] string? Reason,
    [property: Id(3)] OrderShipmentLine[]? Lines);
