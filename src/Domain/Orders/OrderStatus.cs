namespace MhSupply.Orders;

/// <summary>
/// Where an order stands (docs/api.md "Orders, transfers and redistribution"). Numbering starts at 1 so an uninitialised
/// value is no state at all.
/// </summary>
public enum OrderStatus
{
    Draft = 1,
    Submitted,
    Approved,
    Rejected,
    Shipped,
    Received,
    Cancelled,
}
