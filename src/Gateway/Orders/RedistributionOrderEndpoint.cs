using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Stock;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Messages;
using MhSupply.Orders;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Orders;

/// <summary>
/// <c>POST /api/v1/stock/redistribution/orders</c> (issue 18, item 4): one action turns a redistribution suggestion
/// (<c>GET /api/v1/stock/redistribution</c>'s item, with a client id) into an approved transfer order from the source to
/// the facility short of stock; the source's pharmacist then ships it and the receiver receives it like any order.
/// </summary>
public static class RedistributionOrderEndpoint
{
    /// <summary>For the API document; the body is read field by field.</summary>
    public sealed record RedistributionOrderBody(Guid Id, string Medicine, string From, string To, int Quantity, string? Note);

    public static RouteGroupBuilder MapRedistributionOrderApi(this RouteGroupBuilder api)
    {
        api.MapPost("/stock/redistribution/orders", Create).WithTags("Orders").Accepts<RedistributionOrderBody>("application/json")
            .WithSummary("Turn a redistribution suggestion into an approved transfer order (the district's manager).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Created<OrderDto>, Ok<OrderDto>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest request, HttpContext http, FacilityDirectory directory, MedicineCatalog catalog, InputBounds bounds, IGrainFactory grains,
        OrderViews views, StockReadModel readModel, OrderQueries orders, StockProjectionCatchUp projection, IOptions<StockOptions> stockOptions,
        CancellationToken cancellationToken)
    {
        var (reader, unreadable) = await OrderEndpoints.ReadAsync(request, catalog, bounds, cancellationToken);
        if (reader is null)
        {
            return unreadable!;
        }
        var id = reader.Id();
        var line = reader.Line();
        var note = reader.Text("note");
        var at = reader.At();
        var from = await Facility(reader, "from", directory, cancellationToken);
        var to = await Facility(reader, "to", directory, cancellationToken);
        if (from is not null && to is not null)
        {
            if (from.Id == to.Id)
            {
                reader.Errors.Add("to", OrderMessages.Of("order.supplier_self"));
            }
            else if (from.District != to.District)
            {
                reader.Errors.Add("to", OrderMessages.Of("order.not_same_district", ("from", from.Name), ("to", to.Name)));
            }
        }
        if (reader.Errors.Any)
        {
            return reader.Errors.ToResult();
        }
        var grain = grains.GetGrain<IOrderGrain>(id!.Value);
        var actor = OrderEndpoints.ActorOf(http.User);
        // A new movement must leave the source its minimum as its card stands now, not as the suggestion read it; the
        // retry of one already made is answered by the order as it is, whatever the source's stock has done since.
        if ((await grain.Get(actor)).Kind == OrderOutcome.NotFound && ScopeChecker.CoversDistrict(http.User, from!.District))
        {
            await projection.CatchUpForAsync(http.User, cancellationToken);
            if (await BeyondMinimumAsync(from, line!, directory, catalog, readModel, orders, stockOptions.Value, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        var draft = new OrderDraft(to!.Id, from!.Id, Emergency: false, [line!], note, at);
        var outcome = await grain.Redistribute(draft, actor);
        return await OrderEndpoints.AnswerAsync(outcome, views, cancellationToken);
    }

    /// <summary>409 naming <c>quantity</c> when moving it would take the source below its minimum (<see cref="Redistribution.Givable"/>).</summary>
    private static async Task<ProblemHttpResult?> BeyondMinimumAsync(FacilityRecord from, OrderQuantity line, FacilityDirectory directory,
        MedicineCatalog catalog, StockReadModel readModel, OrderQueries orders, StockOptions options, CancellationToken cancellationToken)
    {
        var (_, cards) = await RedistributionEndpoint.CardsAsync(from.District, line.Medicine, warehouses: true, directory, readModel, orders, options,
            cancellationToken);
        var card = cards.FirstOrDefault(c => c.Facility == from.Id)
            ?? new RedistributionCard(from.Id, line.Medicine, 0, null, StockStatus.Unknown, options.PolicyFor(from.Level), []);
        var givable = Redistribution.Givable(card, directory.Today());
        if (line.Quantity <= givable)
        {
            return null;
        }
        var medicine = await catalog.FindAsync(line.Medicine, cancellationToken) is { } m ? MedicineNames.DisplayName(m) : line.Medicine;
        (string, object?)[] figures = [("from", from.Name), ("medicine", medicine), ("givable", givable), ("keeps", Redistribution.Keeps(card.Policy, card.Amc)),
            ("soh", card.Soh), .. card.Promised > 0 ? [("promised", (object?)card.Promised)] : Array.Empty<(string, object?)>()];
        var code = (givable > 0 ? "order.redistribution_beyond_minimum" : "order.redistribution_nothing_to_spare") + (card.Promised > 0 ? "_promised" : "");
        var message = OrderMessages.Of(code, figures);
        return Problems.Conflict(message, new Dictionary<string, object?> { ["field"] = "quantity", ["givable"] = givable });
    }

    private static async Task<FacilityRecord?> Facility(OrderBodyReader reader, string field, FacilityDirectory directory,
        CancellationToken cancellationToken)
    {
        var id = reader.Text(field);
        var facility = id is null ? null : await directory.FindAsync(id, cancellationToken);
        if (facility is null)
        {
            reader.Errors.Add(field, OrderMessages.Of("order.facility_unknown", ("facility", id ?? "")));
        }
        return facility;
    }
}
