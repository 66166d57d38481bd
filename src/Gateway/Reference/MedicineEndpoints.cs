using MhSupply.Messages;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Reference;

/// <summary>
/// The essential medicines list (docs/api.md "Reference data"). Everyone signed in reads it; admins edit, import and
/// retire items. Items are never deleted: ledgers and prescriptions keep pointing at them.
/// </summary>
public static class MedicineEndpoints
{
    public sealed record MedicineDto(string Code, string Name, string Form, string Strength, string Unit, string? Atc, string Category,
        bool Tracer, string[] Levels, string? Source, bool Retired, DateTimeOffset? RetiredAt)
    {
        public static MedicineDto From(MedicineRecord m) =>
            new(m.Code, m.Name, m.Form, m.Strength, m.Unit, m.Atc, m.Category, m.Tracer, m.Levels, m.Source, m.RetiredAt is not null, m.RetiredAt);
    }

    public sealed record ImportResult(string Mode, int Received, int Created, int Updated, int Retired);

    public static RouteGroupBuilder MapMedicineApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/medicines").WithTags("Reference data");
        group.MapGet("/", List).WithSummary("The medicines list; retired items only with ?includeRetired=true.");
        group.MapGet("/{code}", Get).WithSummary("One medicine.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{code}", Put).RequireAuthorization(AuthServiceExtensions.AdminPolicy).WithSummary("Create or update a medicine (admin).");
        group.MapPost("/import", Import).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .Accepts<string>("text/csv", "application/json")
            .WithSummary("Import a list as CSV or JSON (admin). ?mode=extend (default) upserts; ?mode=replace also retires items not in it.");
        group.MapPost("/{code}/retire", Retire).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .WithSummary("Retire a medicine (admin); it stays readable.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{code}/reinstate", Reinstate).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .WithSummary("Bring a retired medicine back (admin).").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<Paged<MedicineDto>>> List(bool? includeRetired, string? category, [AsParameters] Paging paging,
        MedicineCatalog catalog, CancellationToken cancellationToken)
    {
        var all = await catalog.ListAsync(includeRetired ?? false, cancellationToken);
        var filtered = all.Where(m => category is null || m.Category.Contains(category, StringComparison.OrdinalIgnoreCase))
            .Select(MedicineDto.From).ToList();
        return TypedResults.Ok(paging.Apply(filtered));
    }

    private static async Task<Results<Ok<MedicineDto>, ProblemHttpResult>> Get(string code, MedicineCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(code, cancellationToken) is { } m ? TypedResults.Ok(MedicineDto.From(m)) : NotOnTheList(code);

    private static async Task<Results<Created<MedicineDto>, Ok<MedicineDto>, ValidationProblem>> Put(string code, MedicineBody? body,
        MedicineCatalog catalog, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (ReferenceBody.Validate(code, body) is { Any: true } errors)
        {
            return errors.ToResult();
        }
        var existing = await catalog.FindAsync(code, cancellationToken);
        var record = body!.ToRecord(code, existing?.RetiredAt);
        var created = await EssentialList(grains).Upsert([record]);
        return created.Count > 0
            ? TypedResults.Created($"/api/v1/medicines/{code}", MedicineDto.From(record))
            : TypedResults.Ok(MedicineDto.From(record));
    }

    private static async Task<Results<Ok<ImportResult>, ValidationProblem>> Import(string? mode, HttpRequest request, MedicineCatalog catalog,
        IGrainFactory grains, [FromKeyedServices(Clock.Key)] TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        mode ??= "extend";
        if (mode is not ("extend" or "replace"))
        {
            return ValidationErrors.For("mode", ReferenceMessages.Of("reference.import_mode", ("value", mode)));
        }
        if (await TextRules.ReadBodyAsync(request, cancellationToken) is not { } text)
        {
            return ValidationErrors.For("body", ReferenceMessages.Of("reference.import_not_utf8"));
        }
        var existing = (await catalog.ListAsync(includeRetired: true, cancellationToken)).ToDictionary(m => m.Code);
        var (medicines, errors) = MedicineImport.Read(text, request.ContentType, existing, json.Value.SerializerOptions);
        if (errors.Any)
        {
            // All or nothing: a half-imported national list is worse than none.
            return errors.ToResult();
        }
        IReadOnlyList<string> created;
        var retired = 0;
        if (mode == "replace")
        {
            // The imported list becomes the list: an item it holds is on it, even one retired before; every other item
            // still on it is retired, in the same transaction (all or nothing, like the validation above).
            (created, retired) = await EssentialList(grains).Replace(medicines.Select(m => m with { RetiredAt = null }).ToList(), clock.GetUtcNow());
        }
        else
        {
            created = await EssentialList(grains).Upsert(medicines);
        }
        return TypedResults.Ok(new ImportResult(mode, medicines.Count, created.Count, medicines.Count - created.Count, retired));
    }

    private static Task<Results<Ok<MedicineDto>, ProblemHttpResult>> Retire(string code, MedicineCatalog catalog, IGrainFactory grains,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, CancellationToken cancellationToken) =>
        SetRetired(code, clock.GetUtcNow(), catalog, grains, cancellationToken);

    private static Task<Results<Ok<MedicineDto>, ProblemHttpResult>> Reinstate(string code, MedicineCatalog catalog, IGrainFactory grains,
        CancellationToken cancellationToken) =>
        SetRetired(code, null, catalog, grains, cancellationToken);

    private static async Task<Results<Ok<MedicineDto>, ProblemHttpResult>> SetRetired(string code, DateTimeOffset? retiredAt, MedicineCatalog catalog,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(code, cancellationToken) is not { } m)
        {
            return NotOnTheList(code);
        }
        var updated = m with { RetiredAt = retiredAt is null ? null : m.RetiredAt ?? retiredAt };
        await EssentialList(grains).Upsert([updated]);
        return TypedResults.Ok(MedicineDto.From(updated));
    }

    private static IMedicineListGrain EssentialList(IGrainFactory grains) => grains.GetGrain<IMedicineListGrain>(IMedicineListGrain.Essential);

    private static ProblemHttpResult NotOnTheList(string code) =>
        Problems.NotFound(ReferenceMessages.Of("reference.medicine_not_listed", ("code", code)));
}
