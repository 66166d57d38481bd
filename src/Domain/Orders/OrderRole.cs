namespace MhSupply.Orders;

/// <summary>
/// The capacity in which a caller acts on one order: the same pharmacist is the supplier on a warehouse's outgoing orders
/// and the requester on its own, so capacity comes from the caller's role and which side of this order their token names.
/// </summary>
public enum OrderRole
{
    /// <summary>The head of the facility that orders: drafts, submits, cancels.</summary>
    RequestingHead = 1,

    /// <summary>A pharmacist of the facility that orders: receives.</summary>
    RequestingPharmacist,

    /// <summary>The head of the supplying facility (the district warehouse by default): approves or rejects.</summary>
    SupplierHead,

    /// <summary>A pharmacist of the supplying facility: ships.</summary>
    SupplierPharmacist,

    /// <summary>The district manager of the ordering facility's district: approves or rejects.</summary>
    DistrictManager,

    /// <summary>An administrator: cancels what no one else can (a facility closed with an order open).</summary>
    Admin,
}
