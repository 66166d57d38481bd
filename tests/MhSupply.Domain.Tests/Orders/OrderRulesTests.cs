using MhSupply.Orders;

namespace MhSupply.Domain.Tests.Orders;

/// <summary>The order state machine (OrderRules): every state × step × capacity against the table written out here.</summary>
public sealed class OrderRulesTests
{
    /// <summary>The lifecycle of issue 18 as a table: from, step, to, and who may take it.</summary>
    private static readonly (OrderStatus From, OrderAction Action, OrderStatus To, OrderRole[] Who)[] Table =
    [
        (OrderStatus.Draft, OrderAction.Submit, OrderStatus.Submitted, [OrderRole.RequestingHead]),
        (OrderStatus.Submitted, OrderAction.Approve, OrderStatus.Approved, [OrderRole.DistrictManager, OrderRole.SupplierHead]),
        (OrderStatus.Submitted, OrderAction.Reject, OrderStatus.Rejected, [OrderRole.DistrictManager, OrderRole.SupplierHead]),
        (OrderStatus.Approved, OrderAction.Ship, OrderStatus.Shipped, [OrderRole.SupplierPharmacist, OrderRole.SupplierHead]),
        (OrderStatus.Shipped, OrderAction.Receive, OrderStatus.Received, [OrderRole.RequestingPharmacist, OrderRole.RequestingHead]),
        (OrderStatus.Draft, OrderAction.Cancel, OrderStatus.Cancelled, [OrderRole.RequestingHead, OrderRole.Admin]),
        (OrderStatus.Submitted, OrderAction.Cancel, OrderStatus.Cancelled, [OrderRole.RequestingHead, OrderRole.Admin]),
        (OrderStatus.Approved, OrderAction.Cancel, OrderStatus.Cancelled, [OrderRole.RequestingHead, OrderRole.Admin]),
    ];

    public static TheoryData<OrderStatus, OrderAction, OrderRole> Every()
    {
        var data = new TheoryData<OrderStatus, OrderAction, OrderRole>();
        foreach (var s in Enum.GetValues<OrderStatus>())
        {
            foreach (var a in Enum.GetValues<OrderAction>())
            {
                foreach (var r in Enum.GetValues<OrderRole>())
                {
                    data.Add(s, a, r);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Each_step_is_allowed_exactly_where_the_table_says(OrderStatus from, OrderAction action, OrderRole actor)
    {
        var row = Table.Where(t => t.From == from && t.Action == action).ToList();

        var decision = OrderRules.Decide(from, action, actor, "no longer needed");

        if (row.Count == 0)
        {
            Assert.Equal(OrderDecisionKind.ForbiddenTransition, decision.Kind);
            Assert.Contains(from.ToWireName(), decision.Problem!.Text, StringComparison.Ordinal);
        }
        else if (!row[0].Who.Contains(actor))
        {
            Assert.Equal(OrderDecisionKind.ForbiddenRole, decision.Kind);
        }
        else
        {
            Assert.Equal((OrderDecisionKind.Allowed, row[0].To), (decision.Kind, decision.NewStatus!.Value));
        }
    }

    [Fact]
    public void A_forbidden_step_names_the_current_state_where_the_step_applies_and_what_is_possible()
    {
        var decision = OrderRules.Decide(OrderStatus.Submitted, OrderAction.Ship, OrderRole.SupplierPharmacist, null);

        Assert.Equal("This order is submitted, so it cannot take the step 'ship' now: that is for an order that is approved. " +
            "From submitted it can go on with: approve, reject or cancel.", decision.Problem!.Text);
        Assert.Equal("order.forbidden_transition", decision.Problem.Code);
    }

    [Fact]
    public void A_shipped_order_cannot_be_cancelled_and_a_closed_one_says_it_takes_no_more_steps()
    {
        Assert.Equal(OrderDecisionKind.ForbiddenTransition, OrderRules.Decide(OrderStatus.Shipped, OrderAction.Cancel, OrderRole.Admin, "x").Kind);
        var closed = OrderRules.Decide(OrderStatus.Received, OrderAction.Cancel, OrderRole.RequestingHead, "x");
        Assert.Equal("order.closed", closed.Problem!.Code);
        Assert.All(Enum.GetValues<OrderStatus>(), s =>
            Assert.Equal(OrderRules.IsClosed(s), Enum.GetValues<OrderAction>().All(a => OrderRules.Target(s, a) is null)));
    }

    [Theory]
    [InlineData(OrderAction.Reject, OrderRole.DistrictManager)]
    [InlineData(OrderAction.Cancel, OrderRole.RequestingHead)]
    public void Rejecting_and_cancelling_need_a_reason(OrderAction action, OrderRole actor)
    {
        var from = action == OrderAction.Reject ? OrderStatus.Submitted : OrderStatus.Draft;

        Assert.Equal(OrderDecisionKind.ReasonRequired, OrderRules.Decide(from, action, actor, "  ").Kind);
        Assert.Equal(OrderDecisionKind.ReasonRequired, OrderRules.Decide(from, action, actor, new string('x', OrderRules.MaxReasonLength + 1)).Kind);
        Assert.True(OrderRules.Decide(from, action, actor, "stock arrived from a partner").IsAllowed);
    }

    [Fact]
    public void A_forbidden_capacity_is_told_who_may_take_the_step()
    {
        var decision = OrderRules.Decide(OrderStatus.Submitted, OrderAction.Approve, OrderRole.RequestingHead, null);

        Assert.Equal("Only the district manager or the supplier's head may approve this order.", decision.Problem!.Text);
    }

    [Fact]
    public void The_steps_offered_are_those_the_capacity_may_take_now()
    {
        Assert.Equal([OrderAction.Approve, OrderAction.Reject], OrderRules.AllowedActions(OrderStatus.Submitted, OrderRole.SupplierHead));
        Assert.Equal([OrderAction.Cancel], OrderRules.AllowedActions(OrderStatus.Submitted, OrderRole.RequestingHead));
        Assert.Empty(OrderRules.AllowedActions(OrderStatus.Shipped, OrderRole.SupplierHead));
    }
}
