using System.Text;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Indicators;
using MhSupply.Messages;
using MhSupply.Reference;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Indicators;

/// <summary>The DHIS2 export and its mapping (docs/api.md "Indicators and HMIS export").</summary>
public static class Dhis2Endpoints
{
    public static RouteGroupBuilder MapDhis2Api(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hmis/dhis2").WithTags("Indicators");
        group.MapGet("/dataValueSets", DataValueSet)
            .WithSummary("A DHIS2 data value set of a period (202611, 2026Q4, 2026) for one of our facilities, districts or regions (&children=true adds every place under it).")
            .Produces<Dhis2DataValueSet>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/mapping", GetMapping).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .WithSummary("The DHIS2 mapping (admin); &format=csv for the CSV an import takes.").Produces<Dhis2MappingImport.MappingBody>();
        group.MapPut("/mapping", PutMapping).RequireAuthorization(AuthServiceExtensions.AdminPolicy).Accepts<string>("application/json", "text/csv")
            .WithSummary("Replace the DHIS2 mapping (admin), as JSON or CSV; checked whole, refused whole.").Produces<Dhis2MappingImport.MappingBody>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> DataValueSet(string? period, string? orgUnit, bool? children, HttpContext http, FacilityDirectory directory,
        Dhis2MappingStore mappings, Dhis2Export export, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var asked = IndicatorRequest.Period(period, "period", errors);
        if (string.IsNullOrWhiteSpace(orgUnit))
        {
            errors.Add("orgUnit", RequestMessages.Of("request.required", ("field", "orgUnit")));
        }
        // Our id names a facility, else a district, else a region (the registry's ids do not overlap in practice).
        var id = orgUnit?.Trim() ?? "";
        var level = id.Length == 0 || await directory.FindAsync(id, cancellationToken) is not null ? "facility"
            : await directory.HasAreaAsync(id, region: false, cancellationToken) ? "district"
            : await directory.HasAreaAsync(id, region: true, cancellationToken) ? "region" : null;
        if (level is null)
        {
            return errors.Any ? errors.ToResult() : Problems.NotFound(IndicatorMessages.Of("dhis2.org_unit_unknown", ("value", id)));
        }
        var (scope, refusal) = await IndicatorRequest.ScopeAsync(level, orgUnit, http.User, directory, errors, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var mapping = await mappings.GetAsync(cancellationToken);
        return TypedResults.Ok(await export.BuildAsync(scope!, asked!.Value, children ?? false, mapping, cancellationToken));
    }

    private static async Task<IResult> GetMapping(string? format, Dhis2MappingStore mappings, CancellationToken cancellationToken)
    {
        var mapping = await mappings.GetAsync(cancellationToken);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.File(Encoding.UTF8.GetBytes(Dhis2MappingImport.ToCsv(mapping)), "text/csv; charset=utf-8", "dhis2-mapping.csv")
            : TypedResults.Ok(Dhis2MappingImport.ToBody(mapping));
    }

    private static async Task<IResult> PutMapping(HttpRequest request, HttpContext http, IGrainFactory grains,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await TextRules.ReadBodyAsync(request, cancellationToken) is not { } text)
        {
            return ValidationErrors.For("body", ReferenceMessages.Of("reference.import_not_utf8"));
        }
        var errors = new ValidationErrors();
        var mapping = Dhis2MappingImport.Read(text, request.ContentType, json.Value.SerializerOptions, errors);
        if (mapping is null)
        {
            return errors.Any ? errors.ToResult() : ValidationErrors.For("body", RequestMessages.Of("request.body_required"));
        }
        await grains.GetGrain<IDhis2MappingGrain>(IDhis2MappingGrain.Current).Replace(Dhis2MappingRows.From(mapping), http.User.Subject(), clock.GetUtcNow());
        return TypedResults.Ok(Dhis2MappingImport.ToBody(mapping));
    }
}
