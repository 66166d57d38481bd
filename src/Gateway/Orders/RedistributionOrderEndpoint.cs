using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Messages;
using MhSupply.Orders;
using MhSupply.Reference;
using Microsoft.AspNetCore.Http.HttpResults;

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
        OrderViews views, CancellationToken cancellationToken)
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
        var draft = new OrderDraft(to!.Id, from!.Id, Emergency: false, [line!], note, at);
        var outcome = await grains.GetGrain<IOrderGrain>(id!.Value).Redistribute(draft, OrderEndpoints.ActorOf(http.User));
        return await OrderEndpoints.AnswerAsync(outcome, views, cancellationToken);
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
