using System.Security.Claims;
using System.Text.Json;
using MhSupply.Access;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Stock;
using MhSupply.Gateway.Validation;
using MhSupply.Messages;
using MhSupply.Orders;
using MhSupply.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Created<MhSupply.Gateway.Orders.OrderDto>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<MhSupply.Gateway.Orders.OrderDto>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace MhSupply.Gateway.Orders;

/// <summary>
/// Orders from a facility to its supplier (docs/api.md "Orders, transfers and redistribution"): the body is read here,
/// every decision is the order grain's, and the answer is the order as the grain committed it.
/// </summary>
public static class OrderEndpoints
{
    /// <summary>For the API document; bodies are read field by field (<see cref="OrderBodyReader"/>).</summary>
    public sealed record DraftBody(Guid Id, string Facility, string? Supplier, bool Emergency, IReadOnlyList<LineBody> Lines, string? Note,
        DateTimeOffset? At);

    public sealed record StepBody(IReadOnlyList<LineBody>? Lines, string? Reason, DateTimeOffset? At);

    public sealed record LineBody(string Medicine, int Quantity, string? Lot, DateOnly? Expiry);

    public static RouteGroupBuilder MapOrderApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orders").WithTags("Orders");
        group.MapPost("/", Draft).Accepts<DraftBody>("application/json")
            .WithSummary("Draft an order to the facility's supplier (its supply line, or the district warehouse); the same id again rewrites the draft.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithSummary("Orders within reach, emergencies and the longest waiting first; ?facility=&supplier=&status=.");
        group.MapGet("/{id:guid}", Get).WithSummary("An order with its lines, shipment, receipt, discrepancies and history.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/{action}", Act).Accepts<StepBody>("application/json")
            .WithSummary("Move the order: submit, approve {lines?}, reject {reason}, ship {lines with lots}, receive {lines?}, cancel {reason}.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<OrderResult> Draft(HttpRequest request, HttpContext http, FacilityDirectory directory, SupplyLines supplyLines,
        MedicineCatalog catalog, InputBounds bounds, IGrainFactory grains, OrderViews views, CancellationToken cancellationToken)
    {
        var (reader, unreadable) = await ReadAsync(request, catalog, bounds, cancellationToken);
        if (reader is null)
        {
            return unreadable!;
        }
        var id = reader.Id();
        var facilityId = reader.Text("facility");
        var supplierId = reader.Text("supplier");
        var emergency = reader.Flag("emergency");
        var lines = reader.Lines(required: true, min: 1, lots: false);
        var note = reader.Text("note");
        var at = reader.At();
        var facility = facilityId is null ? null : await directory.FindAsync(facilityId, cancellationToken);
        if (facilityId is null)
        {
            reader.Errors.Add("facility", OrderMessages.Of("order.facility_required"));
        }
        else if (facility is null)
        {
            reader.Errors.Add("facility", OrderMessages.Of("order.facility_unknown", ("facility", facilityId)));
        }
        foreach (var line in lines ?? [])
        {
            // A draft asks for medicines, not lots: the supplier chooses the lots when it ships.
            if (line.Lot is not null)
            {
                reader.Errors.Add("lines", OrderMessages.Of("order.body_invalid"));
            }
        }
        if (facility is not null && !reader.Errors.Any)
        {
            supplierId ??= await supplyLines.SupplierOfAsync(facility, cancellationToken);
            if (supplierId is null)
            {
                reader.Errors.Add("supplier", OrderMessages.Of("order.no_supplier", ("facility", facility.Name)));
            }
            else if (supplierId == facility.Id)
            {
                reader.Errors.Add("supplier", OrderMessages.Of("order.supplier_self"));
            }
            else if (await directory.FindAsync(supplierId, cancellationToken) is null)
            {
                reader.Errors.Add("supplier", OrderMessages.Of("order.supplier_unknown", ("supplier", supplierId)));
            }
        }
        if (reader.Errors.Any)
        {
            return reader.Errors.ToResult();
        }
        var draft = new OrderDraft(facility!.Id, supplierId!, emergency, [.. lines!.Select(l => new OrderQuantity(l.Medicine, l.Quantity))], note, at);
        var outcome = await grains.GetGrain<IOrderGrain>(id!.Value).Draft(draft, ActorOf(http.User));
        return await AnswerAsync(outcome, views, cancellationToken);
    }

    private static async Task<OrderResult> Act(Guid id, string action, HttpRequest request, HttpContext http, MedicineCatalog catalog,
        InputBounds bounds, IGrainFactory grains, OrderViews views, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<OrderAction>(action, out var step))
        {
            return Problems.NotFound(OrderMessages.Of("order.no_such_step", ("action", action), ("allowed", string.Join(", ", WireNames<OrderAction>.All))));
        }
        var empty = request.ContentLength is 0 || (request.ContentLength is null && !request.HasJsonContentType());
        var (reader, unreadable) = empty ? (await EmptyAsync(catalog, bounds, cancellationToken), null)
            : await ReadAsync(request, catalog, bounds, cancellationToken);
        if (reader is null)
        {
            return unreadable!;
        }
        var lines = step switch
        {
            OrderAction.Approve => reader.Lines(required: false, min: 0, lots: false),
            OrderAction.Ship => reader.Lines(required: true, min: 0, lots: true),
            OrderAction.Receive => reader.Lines(required: false, min: 0, lots: true),
            _ => null,
        };
        var reason = reader.Text("reason");
        var at = reader.At();
        if (reader.Errors.Any)
        {
            return reader.Errors.ToResult();
        }
        var outcome = await grains.GetGrain<IOrderGrain>(id).Act(new OrderCommand(step.ToWireName(), at, reason, lines), ActorOf(http.User));
        return await AnswerAsync(outcome, views, cancellationToken);
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> Get(Guid id, HttpContext http, IGrainFactory grains, OrderViews views,
        CancellationToken cancellationToken)
    {
        var outcome = await grains.GetGrain<IOrderGrain>(id).Get(ActorOf(http.User));
        return outcome.Order is { } order
            ? TypedResults.Ok(await views.ToDtoAsync(order, outcome.AllowedActions ?? [], cancellationToken))
            : Problems.NotFound(MessageOf(outcome));
    }

    private static async Task<Results<Ok<Paged<OrderDto>>, ValidationProblem>> List(string? facility, string? supplier, string? status,
        [AsParameters] Paging paging, HttpContext http, OrderQueries queries, OrderViews views, CancellationToken cancellationToken)
    {
        if (status is not null && !WireNames.TryParse<OrderStatus>(status, out _))
        {
            return ValidationErrors.For("status", OrderMessages.Of("order.status_invalid", ("allowed", string.Join(", ", WireNames<OrderStatus>.All))));
        }
        var actor = ActorOf(http.User);
        var admin = http.User.IsAdmin();
        // The query narrows to the facilities and districts whose orders the caller's roles may see; OrderCapacities decides.
        var facilities = actor.Roles.Any(r => r is Roles.Pharmacist or Roles.FacilityHead) ? actor.Facilities : [];
        var districts = actor.Roles.Any(r => r is Roles.DistrictManager or Roles.ReferralCoordinator) ? actor.Districts : [];
        var (orders, total) = await queries.ListAsync(new OrderQueries.Filter(admin ? null : facilities, admin ? null : districts, facility, supplier,
            status, paging.Offset, paging.Size), cancellationToken);
        var visible = orders
            .Where(o => OrderCapacities.MayRead(actor.Roles, actor.Facilities, actor.Districts, o.Facility, o.Supplier, o.District))
            .Select(o => (o, OrderCapacities.AllowedActions(WireNames.Parse<OrderStatus>(o.Status),
                OrderCapacities.Of(actor.Roles, actor.Facilities, actor.Districts, o.Facility, o.Supplier, o.District))))
            .ToList();
        var dtos = await views.ToDtosAsync(visible, cancellationToken);
        return TypedResults.Ok(new Paged<OrderDto>(dtos, paging.PageNumber, paging.Size, total));
    }

    /// <summary>The grain's answer: 201 for a new order, 200 otherwise, or the problem (400 naming the field, 403, 404, 409, 422).</summary>
    internal static async Task<OrderResult> AnswerAsync(OrderOutcome outcome, OrderViews views, CancellationToken cancellationToken)
    {
        if (outcome.Order is { } order)
        {
            var dto = await views.ToDtoAsync(order, outcome.AllowedActions ?? [], cancellationToken);
            return outcome.Kind == OrderOutcome.Created ? TypedResults.Created($"/api/v1/orders/{order.Id}", dto) : TypedResults.Ok(dto);
        }
        var message = MessageOf(outcome);
        switch (outcome.Kind)
        {
            case OrderOutcome.Invalid:
                var errors = new ValidationErrors();
                errors.Add(outcome.Field ?? "body", message);
                return errors.ToResult();
            case OrderOutcome.RefusedByCard:
                var refused = new ValidationErrors();
                refused.Add(outcome.Field ?? "lines", message);
                return TypedResults.Problem(new HttpValidationProblemDetails(refused.ToDictionary())
                {
                    Status = StatusCodes.Status422UnprocessableEntity, Title = message.Text,
                    Extensions = { ["code"] = message.Code, ["params"] = message.Params, ["codes"] = refused.Codes(), ["results"] = outcome.StockResults },
                });
            case OrderOutcome.ForbiddenRole:
                return Problems.Forbidden(message);
            case OrderOutcome.NotFound:
                return Problems.NotFound(message);
            case OrderOutcome.ForbiddenTransition:
                return Problems.Conflict(message, new Dictionary<string, object?> { ["status"] = outcome.CurrentStatus });
            default:
                return Problems.Conflict(message);
        }
    }

    private static UserMessage MessageOf(OrderOutcome outcome) =>
        new(outcome.Code ?? "order.changed_meanwhile", outcome.Message ?? "", outcome.Params ?? new Dictionary<string, object>());

    internal static OrderActor ActorOf(ClaimsPrincipal user) =>
        new(user.Subject(), [.. Roles.All.Where(user.IsInRole)], [.. user.Facilities()], [.. user.Districts()]);

    /// <summary>The body read (its text checked by <see cref="JsonTextCheck"/>), or the 400 naming what cannot be read.</summary>
    internal static async Task<(OrderBodyReader? Reader, ValidationProblem? Problem)> ReadAsync(HttpRequest request, MedicineCatalog catalog,
        InputBounds bounds, CancellationToken cancellationToken)
    {
        var (document, errors) = await JsonTextCheck.ReadAsync(request, OrderMessages.Of("order.body_invalid"), cancellationToken);
        if (errors is not null)
        {
            return (null, errors.ToResult());
        }
        using (document)
        {
            var reader = new OrderBodyReader(document!.RootElement.Clone(),
                new MedicineNames(await catalog.ListAsync(includeRetired: false, cancellationToken)), bounds);
            return reader.IsObject ? (reader, null) : (null, ValidationErrors.For("body", OrderMessages.Of("order.body_invalid")));
        }
    }

    private static async Task<OrderBodyReader> EmptyAsync(MedicineCatalog catalog, InputBounds bounds, CancellationToken cancellationToken) =>
        new(JsonDocument.Parse("{}").RootElement, new MedicineNames(await catalog.ListAsync(includeRetired: false, cancellationToken)), bounds);
}
