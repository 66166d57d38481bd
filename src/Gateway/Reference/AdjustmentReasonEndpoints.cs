using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Messages;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Reference;

/// <summary>
/// Adjustment reasons as reference data (docs/api.md "Reference data"): everyone signed in reads them; admins create,
/// rename, recategorise, deactivate and import them. Never deleted, and a reason's direction never changes: the ledger
/// keeps each adjustment's sign, and a reason that turned would make the same word mean both.
/// </summary>
public static class AdjustmentReasonEndpoints
{
    public sealed record AdjustmentReasonDto(string Code, string Name, string Direction, string Category, bool Active)
    {
        public static AdjustmentReasonDto From(AdjustmentReason r) => new(r.Code, r.Name, r.Direction, r.Category.ToWireName(), r.Active);
    }

    public sealed record ReasonImportResult(int Received, int Created, int Updated);

    public static RouteGroupBuilder MapAdjustmentReasonApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/adjustment-reasons").WithTags("Reference data");
        group.MapGet("/", List).WithSummary("The adjustment reasons; inactive ones only with ?includeInactive=true.");
        group.MapGet("/{code}", Get).WithSummary("One adjustment reason.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{code}", Put).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .WithSummary("Create or update an adjustment reason (admin); its direction cannot change.").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/import", Import).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .Accepts<string>("text/csv", "application/json")
            .WithSummary("Import reasons as CSV or JSON (admin): all or nothing, upserting by code.").ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<Paged<AdjustmentReasonDto>>> List(bool? includeInactive, [AsParameters] Paging paging,
        AdjustmentReasonCatalog catalog, CancellationToken cancellationToken)
    {
        var all = await catalog.ListAsync(includeInactive ?? false, cancellationToken);
        return TypedResults.Ok(paging.Apply(all.Select(AdjustmentReasonDto.From).ToList()));
    }

    private static async Task<Results<Ok<AdjustmentReasonDto>, ProblemHttpResult>> Get(string code, AdjustmentReasonCatalog catalog,
        CancellationToken cancellationToken) =>
        (await catalog.ReadAsync(cancellationToken)).Find(code) is { } r ? TypedResults.Ok(AdjustmentReasonDto.From(r)) : NotListed(code);

    private static async Task<Results<Created<AdjustmentReasonDto>, Ok<AdjustmentReasonDto>, ValidationProblem, ProblemHttpResult>> Put(string code,
        AdjustmentReasonBody? body, IGrainFactory grains)
    {
        if (ReferenceBody.Validate(code, body) is { Any: true } errors)
        {
            return errors.ToResult();
        }
        var reason = body!.ToReason(code);
        var saved = await Reasons(grains).Upsert([AdjustmentReasonRecord.From(reason)]);
        if (DirectionFixed(saved) is { } refused)
        {
            return refused;
        }
        return saved.Created.Count > 0
            ? TypedResults.Created($"/api/v1/adjustment-reasons/{code}", AdjustmentReasonDto.From(reason))
            : TypedResults.Ok(AdjustmentReasonDto.From(reason));
    }

    private static async Task<Results<Ok<ReasonImportResult>, ValidationProblem, ProblemHttpResult>> Import(HttpRequest request, IGrainFactory grains,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await TextRules.ReadBodyAsync(request, cancellationToken) is not { } text)
        {
            return ValidationErrors.For("body", ReferenceMessages.Of("reference.import_not_utf8"));
        }
        var (reasons, errors) = AdjustmentReasonImport.Read(text, request.ContentType, json.Value.SerializerOptions);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var saved = await Reasons(grains).Upsert([.. reasons.Select(AdjustmentReasonRecord.From)]);
        if (DirectionFixed(saved) is { } refused)
        {
            return refused;
        }
        return TypedResults.Ok(new ReasonImportResult(reasons.Count, saved.Created.Count, reasons.Count - saved.Created.Count));
    }

    /// <summary>409 naming the first reason whose direction the change would turn; nothing was written.</summary>
    private static ProblemHttpResult? DirectionFixed(AdjustmentReasonsSaved saved) =>
        saved.DirectionFixed.FirstOrDefault() is { } kept
            ? Problems.Conflict(ReferenceMessages.Of("reference.reason_direction_fixed", ("code", kept.Code), ("name", kept.Name),
                ("direction", kept.ToReason().Direction)), new Dictionary<string, object?> { ["field"] = "direction" })
            : null;

    private static IAdjustmentReasonListGrain Reasons(IGrainFactory grains) => grains.GetGrain<IAdjustmentReasonListGrain>(IAdjustmentReasonListGrain.All);

    private static ProblemHttpResult NotListed(string code) => Problems.NotFound(ReferenceMessages.Of("reference.reason_not_listed", ("code", code)));
}
