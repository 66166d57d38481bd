using MhSupply.Orders;

namespace MhSupply.Domain.Tests.Orders;

/// <summary>Who is whom on an order: the capacity comes from the role and which side of the order the token names.</summary>
public sealed class OrderCapacitiesTests
{
    private static IReadOnlyList<OrderRole> Of(string role, string[]? facilities = null, string[]? districts = null) =>
        OrderCapacities.Of([role], facilities ?? [], districts ?? [], "phc-1", "wh-1", "d-1");

    [Fact]
    public void Each_role_acts_only_on_its_side_of_the_order()
    {
        Assert.Equal([OrderRole.RequestingHead], Of("facility_head", ["phc-1"]));
        Assert.Equal([OrderRole.RequestingPharmacist], Of("pharmacist", ["phc-1"]));
        Assert.Equal([OrderRole.SupplierHead], Of("facility_head", ["wh-1"]));
        Assert.Equal([OrderRole.SupplierPharmacist], Of("pharmacist", ["wh-1"]));
        Assert.Equal([OrderRole.DistrictManager], Of("district_manager", districts: ["d-1"]));
        Assert.Equal([OrderRole.Admin], Of("admin"));
        Assert.Empty(Of("district_manager", districts: ["d-2"]));
        Assert.Empty(Of("facility_head", ["phc-2"]));
        Assert.Empty(Of("clinician", ["phc-1"]));
    }

    [Fact]
    public void Coordinators_of_the_district_read_orders_without_acting_on_them()
    {
        Assert.True(OrderCapacities.MayRead(["referral_coordinator"], [], ["d-1"], "phc-1", "wh-1", "d-1"));
        Assert.Empty(Of("referral_coordinator", districts: ["d-1"]));
        Assert.False(OrderCapacities.MayRead(["clinician"], ["phc-1"], [], "phc-1", "wh-1", "d-1"));
        Assert.False(OrderCapacities.MayRead(["referral_coordinator"], [], ["d-2"], "phc-1", "wh-1", "d-1"));
    }

    [Fact]
    public void A_step_is_taken_in_the_first_capacity_allowed_and_refused_in_the_most_telling_way()
    {
        // A head of both clinic and warehouse (a small district where one person runs both) approves as the supplier's head.
        var both = OrderCapacities.Of(["facility_head"], ["phc-1", "wh-1"], [], "phc-1", "wh-1", "d-1");
        var (allowed, capacity) = OrderCapacities.Decide(OrderStatus.Submitted, OrderAction.Approve, both, null);
        Assert.Equal((OrderDecisionKind.Allowed, OrderRole.SupplierHead), (allowed.Kind, capacity));

        // The state's conflict is reported whoever asks; a capacity that may not act is a 403; nobody is a 403 too.
        Assert.Equal(OrderDecisionKind.ForbiddenTransition, OrderCapacities.Decide(OrderStatus.Draft, OrderAction.Approve, [], null).Decision.Kind);
        Assert.Equal(OrderDecisionKind.ForbiddenRole, OrderCapacities.Decide(OrderStatus.Submitted, OrderAction.Approve, [OrderRole.RequestingHead], null).Decision.Kind);
        Assert.Equal(OrderDecisionKind.ForbiddenRole, OrderCapacities.Decide(OrderStatus.Submitted, OrderAction.Approve, [], null).Decision.Kind);
        Assert.Equal(OrderDecisionKind.ReasonRequired,
            OrderCapacities.Decide(OrderStatus.Submitted, OrderAction.Reject, [OrderRole.RequestingHead, OrderRole.DistrictManager], " ").Decision.Kind);
    }

    [Fact]
    public void The_steps_offered_are_those_of_every_capacity_held()
    {
        Assert.Equal(["cancel", "submit"], OrderCapacities.AllowedActions(OrderStatus.Draft, [OrderRole.RequestingHead]).Order());
        Assert.Equal(["receive"], OrderCapacities.AllowedActions(OrderStatus.Shipped, [OrderRole.RequestingPharmacist]));
        Assert.Equal(["approve", "reject"], OrderCapacities.AllowedActions(OrderStatus.Submitted, [OrderRole.DistrictManager, OrderRole.SupplierHead]));
        Assert.Empty(OrderCapacities.AllowedActions(OrderStatus.Received, [OrderRole.Admin, OrderRole.RequestingHead]));
    }
}
