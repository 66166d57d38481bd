namespace MhSupply.Orders;

/// <summary>The steps of an order, as <c>POST /api/v1/orders/{id}/{action}</c> names them.</summary>
public enum OrderAction
{
    Submit = 1,
    Approve,
    Reject,
    Ship,
    Receive,
    Cancel,
}
