using MhSupply.Access;

namespace MhSupply.Orders;

/// <summary>
/// In which capacities a caller may act on one order (<see cref="OrderRole"/>): from their roles and whether their token
/// names the ordering facility, the supplier, or the ordering facility's district. The one place that says who is whom
/// on an order; <see cref="OrderRules"/> then says what each capacity may do.
/// </summary>
public static class OrderCapacities
{
    public static IReadOnlyList<OrderRole> Of(IReadOnlyCollection<string> roles, IReadOnlyCollection<string> facilities,
        IReadOnlyCollection<string> districts, string facility, string supplier, string district)
    {
        var capacities = new List<OrderRole>();
        var atFacility = facilities.Contains(facility);
        var atSupplier = facilities.Contains(supplier);
        if (roles.Contains(Roles.FacilityHead) && atFacility)
        {
            capacities.Add(OrderRole.RequestingHead);
        }
        if (roles.Contains(Roles.Pharmacist) && atFacility)
        {
            capacities.Add(OrderRole.RequestingPharmacist);
        }
        if (roles.Contains(Roles.FacilityHead) && atSupplier)
        {
            capacities.Add(OrderRole.SupplierHead);
        }
        if (roles.Contains(Roles.Pharmacist) && atSupplier)
        {
            capacities.Add(OrderRole.SupplierPharmacist);
        }
        if (roles.Contains(Roles.DistrictManager) && districts.Contains(district))
        {
            capacities.Add(OrderRole.DistrictManager);
        }
        if (roles.Contains(Roles.Admin))
        {
            capacities.Add(OrderRole.Admin);
        }
        return capacities;
    }

    /// <summary>
    /// Who may see an order: anyone acting on it, and the district's referral coordinators (they follow the district's
    /// supply as its managers do). Nobody else learns that it exists.
    /// </summary>
    public static bool MayRead(IReadOnlyCollection<string> roles, IReadOnlyCollection<string> facilities, IReadOnlyCollection<string> districts,
        string facility, string supplier, string district) =>
        Of(roles, facilities, districts, facility, supplier, district).Count > 0
        || (roles.Contains(Roles.ReferralCoordinator) && districts.Contains(district));

    /// <summary>
    /// The step's decision for the first capacity allowed to take it; when none is, the refusal of the first capacity
    /// (a conflict with the order's state is the same for all, so it is reported whoever asks).
    /// </summary>
    public static (OrderDecision Decision, OrderRole? Capacity) Decide(OrderStatus current, OrderAction action, IReadOnlyList<OrderRole> capacities,
        string? reason)
    {
        OrderDecision? first = null;
        foreach (var capacity in capacities)
        {
            var decision = OrderRules.Decide(current, action, capacity, reason);
            if (decision.IsAllowed)
            {
                return (decision, capacity);
            }
            if (first is null || (first.Kind == OrderDecisionKind.ForbiddenRole && decision.Kind == OrderDecisionKind.ReasonRequired))
            {
                first = decision;
            }
        }
        return (first ?? OrderRules.Decide(current, action, (OrderRole)0, reason), null);
    }

    /// <summary>The steps any of the caller's capacities may take on an order in <paramref name="status"/>: what a screen offers.</summary>
    public static IReadOnlyList<string> AllowedActions(OrderStatus status, IReadOnlyList<OrderRole> capacities) =>
        [.. capacities.SelectMany(c => OrderRules.AllowedActions(status, c)).Distinct().Order().Select(a => a.ToWireName())];
}
