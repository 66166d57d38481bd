using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Messages;
using MhSupply.Orders;
using MhSupply.Reference;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Orders;

/// <summary>
/// Supply lines (issue 18): which facility supplies which, when it is not the district's warehouse (a warehouse ordering
/// from the regional store, a clinic served across a district border). Admins manage them; anyone may read who supplies a
/// facility in their scope, since the order screen names it.
/// </summary>
public static class SupplyLineEndpoints
{
    public sealed record SupplyLineBody(string? Supplier);

    public sealed record SupplyLineDto(string Facility, string FacilityName, string? Supplier, string? SupplierName, bool Configured);

    public static RouteGroupBuilder MapSupplyLineApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/supply-lines").WithTags("Orders");
        group.MapGet("/", List).WithSummary("Configured supply lines (admins); facilities without one order from their district's warehouse.");
        group.MapGet("/{facilityId}", Get).WithSummary("Who supplies a facility: its supply line or its district's warehouse.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{facilityId}", Put).WithSummary("Set a facility's supplier (admins); a null supplier returns it to its district's warehouse.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<SupplyLineDto>>, ProblemHttpResult>> List(HttpContext http, SupplyLines lines,
        FacilityDirectory directory, CancellationToken cancellationToken)
    {
        if (!http.User.IsAdmin())
        {
            return Problems.Forbidden(RequestMessages.Of("request.forbidden"));
        }
        var result = new List<SupplyLineDto>();
        foreach (var line in await lines.ConfiguredAsync(cancellationToken))
        {
            result.Add(new SupplyLineDto(line.Facility, await NameOf(directory, line.Facility, cancellationToken), line.Supplier,
                await NameOf(directory, line.Supplier, cancellationToken), true));
        }
        return TypedResults.Ok<IReadOnlyList<SupplyLineDto>>(result);
    }

    private static async Task<Results<Ok<SupplyLineDto>, ProblemHttpResult>> Get(string facilityId, HttpContext http, ScopeChecker scope,
        SupplyLines lines, FacilityDirectory directory, CancellationToken cancellationToken)
    {
        if (!await scope.CoversFacilityAsync(http.User, facilityId, cancellationToken))
        {
            return Problems.Forbidden(RequestMessages.Of("request.forbidden"));
        }
        if (await directory.FindAsync(facilityId, cancellationToken) is not { } facility)
        {
            return Problems.NotFound(OrderMessages.Of("order.facility_unknown", ("facility", facilityId)));
        }
        return TypedResults.Ok(await DtoAsync(facility, lines, directory, cancellationToken));
    }

    private static async Task<Results<Ok<SupplyLineDto>, ValidationProblem, ProblemHttpResult>> Put(string facilityId, SupplyLineBody body,
        HttpContext http, SupplyLines lines, FacilityDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!http.User.IsAdmin())
        {
            return Problems.Forbidden(RequestMessages.Of("request.forbidden"));
        }
        if (await directory.FindAsync(facilityId, cancellationToken) is not { } facility)
        {
            return Problems.NotFound(OrderMessages.Of("order.facility_unknown", ("facility", facilityId)));
        }
        var supplier = string.IsNullOrWhiteSpace(body.Supplier) ? null : body.Supplier.Trim();
        if (supplier == facilityId)
        {
            return ValidationErrors.For("supplier", OrderMessages.Of("order.supplier_self"));
        }
        if (supplier is not null && await directory.FindAsync(supplier, cancellationToken) is null)
        {
            return ValidationErrors.For("supplier", OrderMessages.Of("order.supplier_unknown", ("supplier", supplier)));
        }
        await grains.GetGrain<ISupplyLineGrain>(facilityId).Set(supplier, http.User.Subject());
        return TypedResults.Ok(await DtoAsync(facility, lines, directory, cancellationToken));
    }

    private static async Task<SupplyLineDto> DtoAsync(FacilityRecord facility, SupplyLines lines, FacilityDirectory directory,
        CancellationToken cancellationToken)
    {
        var supplier = await lines.SupplierOfAsync(facility, cancellationToken);
        var configured = (await lines.ConfiguredAsync(cancellationToken)).Any(l => l.Facility == facility.Id);
        return new SupplyLineDto(facility.Id, facility.Name, supplier, supplier is null ? null : await NameOf(directory, supplier, cancellationToken),
            configured);
    }

    private static async Task<string> NameOf(FacilityDirectory directory, string id, CancellationToken cancellationToken) =>
        (await directory.FindAsync(id, cancellationToken))?.Name ?? id;
}
