using MhSupply.Alerts;
using MhSupply.Hosting;
using MhSupply.Messages;
using MhSupply.Reference;
using MhSupply.Stock;
using MhSupply.Referrals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MhSupply.Orders;

/// <summary>
/// One order. The domain decides each step (<see cref="OrderCapacities"/>, <see cref="OrderRules"/>, <see cref="OrderLines"/>);
/// the grain moves the stock it implies and commits the step (<see cref="OrderStore"/>) before it answers, and holds only
/// what was committed. Shipping and receiving record transfer events on the facilities' cards, whole or not at all
/// (<see cref="IFacilityStockGrain.SubmitSheet"/>), with ids derived from the order, medicine and lot
/// (<see cref="OrderTransfers"/>): if the process dies between the card's commit and the order's, the retried step finds
/// the events already recorded (duplicates, applied once) and only the order's step is written.
/// </summary>
[GrainType("order")]
public sealed class OrderGrain(
    OrderStore store,
    FacilityDirectory facilities,
    MedicineCatalog medicines,
    IOptions<StockOptions> stock,
    IOptions<AlertOptions> alertOptions,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    /// <summary>How far ahead of the server's clock a step may be dated (a phone's clock a little fast).</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    private OrderState? _order;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => _order = await store.LoadAsync(Id, cancellationToken);

    public Task<OrderOutcome> Get(OrderActor actor) =>
        Task.FromResult(_order is { } order && MayRead(order, actor) ? Done(order, actor) : NotFound());

    public async Task<OrderOutcome> Draft(OrderDraft draft, OrderActor actor)
    {
        var now = clock.GetUtcNow();
        var at = draft.At?.ToUniversalTime() ?? now;
        if (_order is { } existing)
        {
            if (!MayRead(existing, actor))
            {
                return NotFound();
            }
            if (existing.Facility != draft.Facility)
            {
                return OrderOutcome.Refused(OrderOutcome.Conflict, OrderMessages.Of("order.id_taken"), "id");
            }
            if (SameDraft(existing, draft))
            {
                return Done(existing, actor) with { Replayed = true };
            }
            if (existing.Status != "draft")
            {
                return OrderOutcome.Refused(OrderOutcome.ForbiddenTransition,
                    OrderMessages.Of("order.not_a_draft", ("status", existing.Status)), currentStatus: existing.Status);
            }
        }
        var facility = (await facilities.FindAsync(draft.Facility))!;
        if (!Capacities(actor, draft.Facility, draft.Supplier, facility.District).Contains(OrderRole.RequestingHead))
        {
            return OrderOutcome.Refused(OrderOutcome.ForbiddenRole, OrderMessages.Of("order.only_head", ("action", "draft")));
        }
        if (WhenRefused(at, now, _order) is { } badTime)
        {
            return badTime;
        }
        var emergency = draft.Emergency || await AnyBelowEmergencyPoint(draft.Facility, draft.Lines.Select(l => l.Medicine));
        var history = (_order?.History ?? []).Append(new OrderHistoryEntry("draft", "draft", at, actor.Subject, null)).ToArray();
        var next = new OrderState(Id, (_order?.Version ?? 0) + 1, draft.Facility, draft.Supplier, facility.District, "draft", at, emergency,
            draft.Note, [.. draft.Lines.Select(l => new OrderLineState(l.Medicine, l.Quantity))], [], [], [], history);
        var created = _order is null;
        return await Commit(next, actor, now) is { } refused ? refused : Done(next, actor) with { Kind = created ? OrderOutcome.Created : OrderOutcome.Ok };
    }

    public async Task<OrderOutcome> Redistribute(OrderDraft draft, OrderActor actor)
    {
        var now = clock.GetUtcNow();
        var at = draft.At?.ToUniversalTime() ?? now;
        if (_order is { } existing)
        {
            return MayRead(existing, actor) && existing.Facility == draft.Facility && existing.Supplier == draft.Supplier
                && existing.Lines.Select(l => (l.Medicine, l.Approved)).SequenceEqual(draft.Lines.Select(l => (l.Medicine, (int?)l.Quantity)))
                ? Done(existing, actor) with { Replayed = true }
                : OrderOutcome.Refused(OrderOutcome.Conflict, OrderMessages.Of("order.id_taken"), "id");
        }
        var facility = (await facilities.FindAsync(draft.Facility))!;
        var capacities = Capacities(actor, draft.Facility, draft.Supplier, facility.District);
        if (!capacities.Contains(OrderRole.DistrictManager) && !capacities.Contains(OrderRole.Admin))
        {
            return OrderOutcome.Refused(OrderOutcome.ForbiddenRole, OrderMessages.Of("order.only_district"));
        }
        if (WhenRefused(at, now, last: null) is { } badTime)
        {
            return badTime;
        }
        // The district decided the movement: the order starts approved, with the decision in its history.
        var next = new OrderState(Id, 1, draft.Facility, draft.Supplier, facility.District, "approved", at, draft.Emergency, draft.Note,
            [.. draft.Lines.Select(l => new OrderLineState(l.Medicine, l.Quantity, l.Quantity))], [], [], [],
            [new OrderHistoryEntry("approved", "redistribute", at, actor.Subject, draft.Note)]);
        if (await Commit(next, actor, now) is { } stale)
        {
            return stale;
        }
        await RefreshStockFigures(next.Facility);
        return Done(next, actor) with { Kind = OrderOutcome.Created };
    }

    public async Task<OrderOutcome> Act(OrderCommand command, OrderActor actor)
    {
        if (_order is not { } order || !MayRead(order, actor))
        {
            return NotFound();
        }
        if (!WireNames.TryParse<OrderAction>(command.Action, out var action))
        {
            return OrderOutcome.Refused(OrderOutcome.Invalid,
                OrderMessages.Of("order.no_such_step", ("action", command.Action), ("allowed", string.Join(", ", WireNames<OrderAction>.All))), "action");
        }
        if (order.History[^1].Action == action.ToWireName())
        {
            // The step was taken: a retry (the answer was lost on the way) is answered with the order as it is.
            return Done(order, actor) with { Replayed = true };
        }
        var now = clock.GetUtcNow();
        var at = command.At?.ToUniversalTime() ?? now;
        var current = WireNames.Parse<OrderStatus>(order.Status);
        var (decision, _) = OrderCapacities.Decide(current, action, Capacities(actor, order), command.Reason);
        switch (decision.Kind)
        {
            case OrderDecisionKind.ForbiddenTransition:
                return OrderOutcome.Refused(OrderOutcome.ForbiddenTransition, decision.Problem!, currentStatus: order.Status);
            case OrderDecisionKind.ForbiddenRole:
                return OrderOutcome.Refused(OrderOutcome.ForbiddenRole, decision.Problem!);
            case OrderDecisionKind.ReasonRequired:
                return OrderOutcome.Refused(OrderOutcome.Invalid, decision.Problem!, "reason");
        }
        if (WhenRefused(at, now, order) is { } badTime)
        {
            return badTime;
        }
        var step = new OrderHistoryEntry(decision.NewStatus!.Value.ToWireName(), action.ToWireName(), at, actor.Subject,
            string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim());
        var next = order with { Version = order.Version + 1, Status = step.Status, StatusAt = at, History = [.. order.History, step] };
        var name = await Namer();
        switch (action)
        {
            case OrderAction.Approve:
                var (approved, problem) = OrderLines.Approve([.. order.Lines.Select(l => (l.Medicine, l.Requested))],
                    command.Lines?.Select(l => (l.Medicine, l.Quantity)).ToList(), name);
                if (problem is not null)
                {
                    return OrderOutcome.Refused(OrderOutcome.Invalid, problem.Message, problem.Field);
                }
                next = next with { Lines = [.. order.Lines.Select(l => l with { Approved = approved![l.Medicine] })] };
                break;
            case OrderAction.Ship:
                var shipment = command.Lines ?? [];
                var approvedLines = order.Lines.ToDictionary(l => l.Medicine, l => l.Approved ?? 0, StringComparer.Ordinal);
                if (OrderLines.CheckShipment(approvedLines, [.. shipment.Select(l => (l.Medicine, l.Quantity))], name) is { } overShipped)
                {
                    return OrderOutcome.Refused(OrderOutcome.Invalid, overShipped.Message, overShipped.Field);
                }
                if (await Transfer(order.Supplier, OrderTransfers.Out(order, shipment, at), actor) is { } refusedOut)
                {
                    return refusedOut;
                }
                var shipped = OrderLines.Totals(shipment.Select(l => (l.Medicine, l.Quantity)));
                next = next with
                {
                    Shipment = [.. shipment.Where(l => l.Quantity > 0)],
                    Lines = [.. order.Lines.Select(l => l with { Shipped = shipped.GetValueOrDefault(l.Medicine) })],
                };
                break;
            case OrderAction.Receive:
                var receipt = OrderTransfers.Receipt(order, command.Lines);
                if (await Transfer(order.Facility, OrderTransfers.In(order, receipt, at), actor) is { } refusedIn)
                {
                    return refusedIn;
                }
                var received = OrderLines.Totals(receipt.Select(l => (l.Medicine, l.Quantity)));
                var lines = order.Lines.Select(l => l with { Received = received.GetValueOrDefault(l.Medicine) })
                    .Concat(received.Keys.Where(m => order.Lines.All(l => l.Medicine != m)).Select(m => new OrderLineState(m, 0, 0, 0, received[m])));
                next = next with
                {
                    Receipt = [.. receipt.Where(l => l.Quantity > 0)],
                    Lines = [.. lines],
                    Discrepancies = [.. OrderDiscrepancy.Between(order.Shipment.Select(l => (l.Medicine, l.Quantity)), receipt.Select(l => (l.Medicine, l.Quantity)))
                        .Select(d => new OrderDiscrepancyState(d.Medicine, d.Shipped, d.Received))],
                };
                break;
        }
        if (await Commit(next, actor, now) is { } stale)
        {
            return stale;
        }
        if (order.Status is "approved" or "shipped" || next.Status is "approved")
        {
            await RefreshStockFigures(order.Facility);
        }
        return Done(next, actor);
    }

    /// <summary>
    /// The facility's stock read model counts what is on order and in transit, which this step changed: its figures are
    /// rewritten now. The step is committed already, so a failure here is logged, not answered; the next report or the
    /// nightly stock refresh brings the figures in line.
    /// </summary>
    private async Task RefreshStockFigures(string facility)
    {
        try
        {
            await GrainFactory.GetGrain<IFacilityStockGrain>(facility).RefreshFigures();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Order {Order} moved on but {Facility}'s stock figures were not refreshed", Id, facility);
        }
    }

    /// <summary>Records the step's transfers on one facility's cards, all or none; the refusal when a card refused one.</summary>
    private async Task<OrderOutcome?> Transfer(string facility, StockEventInput[] events, OrderActor actor)
    {
        if (events.Length == 0)
        {
            return null;
        }
        var results = await GrainFactory.GetGrain<IFacilityStockGrain>(facility).SubmitSheet(new StockSubmission(actor.Subject, events));
        var refused = results.Where(r => r.Outcome == StockEventResult.Rejected && r.Error?.Code != StockEventError.SheetRejected).ToList();
        if (refused.Count == 0)
        {
            return null;
        }
        var first = refused[0].Error!;
        return new OrderOutcome(OrderOutcome.RefusedByCard, Message: first.Message, Code: first.MessageCode ?? first.Code, Params: first.Params,
            Field: $"lines[{Array.FindIndex(results, r => r == refused[0])}].quantity", StockResults: results);
    }

    private async Task<OrderOutcome?> Commit(OrderState next, OrderActor actor, DateTimeOffset now)
    {
        var alerts = await new OrderAlerts(facilities, alertOptions.Value, Zone).ForAsync(next, actor.Subject, now);
        if (!await store.CommitAsync(next, now, alerts))
        {
            // Another activation's step landed first (a silo failover): re-read; the caller's retry is decided afresh.
            _order = await store.LoadAsync(Id);
            return OrderOutcome.Refused(OrderOutcome.Conflict, OrderMessages.Of("order.changed_meanwhile"));
        }
        _order = next;
        return null;
    }

    private async Task<bool> AnyBelowEmergencyPoint(string facility, IEnumerable<string> lines)
    {
        var stock = await GrainFactory.GetGrain<IFacilityStockGrain>(facility).GetStock(null);
        var wanted = lines.ToHashSet(StringComparer.Ordinal);
        return stock.Items.Any(i => wanted.Contains(i.Medicine) && StockCalculator.IsEmergency(WireNames.Parse<StockStatus>(i.Status)));
    }

    private async Task<Func<string, string>> Namer()
    {
        var list = (await medicines.ListAsync(includeRetired: true)).ToDictionary(m => m.Code, m => m.ShownName(), StringComparer.Ordinal);
        return code => list.GetValueOrDefault(code, code);
    }

    private static bool SameDraft(OrderState order, OrderDraft draft) =>
        order.Supplier == draft.Supplier && order.Note == draft.Note
        && (order.Emergency == draft.Emergency || (order.Emergency && !draft.Emergency))
        && order.Lines.Select(l => (l.Medicine, l.Requested)).SequenceEqual(draft.Lines.Select(l => (l.Medicine, l.Quantity)));

    private static IReadOnlyList<OrderRole> Capacities(OrderActor actor, OrderState order) =>
        Capacities(actor, order.Facility, order.Supplier, order.District);

    private static IReadOnlyList<OrderRole> Capacities(OrderActor actor, string facility, string supplier, string district) =>
        OrderCapacities.Of(actor.Roles, actor.Facilities, actor.Districts, facility, supplier, district);

    private static bool MayRead(OrderState order, OrderActor actor) =>
        OrderCapacities.MayRead(actor.Roles, actor.Facilities, actor.Districts, order.Facility, order.Supplier, order.District);

    private static OrderOutcome Done(OrderState order, OrderActor actor)
    {
        var allowed = OrderCapacities.AllowedActions(WireNames.Parse<OrderStatus>(order.Status), Capacities(actor, order));
        return new OrderOutcome(OrderOutcome.Ok, order, AllowedActions: [.. allowed]);
    }

    private static OrderOutcome NotFound() => OrderOutcome.Refused(OrderOutcome.NotFound, OrderMessages.Of("order.not_found"));

    /// <summary>
    /// The one rule for when a step may say it happened: not before the order's last step (its history stays in order) and
    /// not in the future beyond the clocks' slack; null when <paramref name="at"/> is fine.
    /// </summary>
    private OrderOutcome? WhenRefused(DateTimeOffset at, DateTimeOffset now, OrderState? last) =>
        last is not null && at < last.StatusAt
            ? OrderOutcome.Refused(OrderOutcome.Invalid, OrderMessages.Of("order.at_before_last_step", ("at", LocalDates.Shown(at, Zone)),
                ("lastAt", LocalDates.Shown(last.StatusAt, Zone))), "at")
            : at > now + ClockSlack
                ? OrderOutcome.Refused(OrderOutcome.Invalid, OrderMessages.Of("order.at_future", ("at", LocalDates.Shown(at, Zone)),
                    ("now", LocalDates.Shown(now, Zone))), "at")
                : null;

    /// <summary>The facilities' calendar, in which refusals name their dates.</summary>
    private TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    private TimeZoneInfo? _zone;
}
