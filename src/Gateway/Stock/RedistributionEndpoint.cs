using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Hosting;
using MhSupply.Orders;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Stock;

/// <summary>
/// <c>GET /api/v1/stock/redistribution?district=&amp;medicine=</c> (issue 18, item 4): which facility of the district could
/// send what to a facility that is stocked out or below its emergency order point, by <see cref="Redistribution"/>. Read
/// from the stock read model, caught up first. Warehouses are left out on both sides: their stock reaches the
/// facilities through orders.
/// </summary>
public static class RedistributionEndpoint
{
    public sealed record SuggestionDto(string Medicine, string MedicineName, string From, string FromName, string To, string ToName,
        int Quantity, string Why);

    public sealed record RedistributionDto(string District, DateOnly AsOf, IReadOnlyList<SuggestionDto> Items);

    public static async Task<Results<Ok<RedistributionDto>, ValidationProblem, ProblemHttpResult>> Get(string? district, string? medicine,
        HttpContext http, FacilityDirectory directory, MedicineCatalog catalog, StockReadModel readModel, StockProjectionCatchUp projection,
        OrderQueries orders, IOptions<StockOptions> stockOptions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(district))
        {
            return ValidationErrors.For("district", StockMessages.Of("redistribution_district"));
        }
        if (!ScopeChecker.CoversDistrict(http.User, district))
        {
            return TypedResults.Problem(statusCode: 403, title: "Redistribution is for the district's manager and coordinators, and admins.");
        }
        if (!await directory.HasAreaAsync(district, region: false, cancellationToken))
        {
            return TypedResults.Problem(statusCode: 404, title: $"No facility is registered in district '{district}'.");
        }
        var medicines = (await catalog.ListAsync(includeRetired: true, cancellationToken)).ToDictionary(m => m.Code, StringComparer.Ordinal);
        if (medicine is not null && !medicines.ContainsKey(medicine))
        {
            return ValidationErrors.For("medicine", StockMessages.Of("unknown_medicine", ("medicine", medicine)));
        }
        await projection.CatchUpForAsync(http.User, cancellationToken);
        var (facilities, cards) = await CardsAsync(district, medicine, warehouses: false, directory, readModel, orders, stockOptions.Value, cancellationToken);
        var today = directory.Today();
        var items = Redistribution.Suggest(cards, today)
            .Select(s => new SuggestionDto(s.Medicine, Named(medicines, s.Medicine), s.From, facilities[s.From].Name, s.To, facilities[s.To].Name,
                s.Quantity, s.Why.ToWireName()))
            .ToList();
        return TypedResults.Ok(new RedistributionDto(district, today, items));
    }

    /// <summary>
    /// The district's active facilities (warehouses only when asked) and their cards of <paramref name="medicine"/> (or of
    /// every medicine) as redistribution reads them, from the read model; the caller has it caught up first.
    /// </summary>
    internal static async Task<(Dictionary<string, FacilityRecord> Facilities, List<RedistributionCard> Cards)> CardsAsync(string district,
        string? medicine, bool warehouses, FacilityDirectory directory, StockReadModel readModel, OrderQueries orders, StockOptions options,
        CancellationToken cancellationToken)
    {
        var facilities = (await directory.ListAsync(district, null, cancellationToken))
            .Where(f => f.Active && (warehouses || f.Level != "warehouse"))
            .ToDictionary(f => f.Id, StringComparer.Ordinal);
        var flows = await orders.FlowsAsync(facilities.Keys, cancellationToken);
        var cards = (await readModel.DistrictCardsAsync(district, medicine, cancellationToken))
            .Where(c => facilities.ContainsKey(c.Facility))
            .Select(c =>
            {
                var (coming, promised) = flows.GetValueOrDefault((c.Facility, c.Item.Medicine));
                return new RedistributionCard(c.Facility, c.Item.Medicine, c.Item.Soh, c.Item.Amc is { } amc ? (decimal)amc : null,
                    WireNames.Parse<StockStatus>(c.Item.Status), options.PolicyFor(facilities[c.Facility].Level),
                    [.. c.Item.Lots.Select(l => new LotBalance(l.Lot, l.Expiry, l.Soh))], coming, promised);
            })
            .ToList();
        return (facilities, cards);
    }

    private static string Named(IReadOnlyDictionary<string, MedicineRecord> medicines, string code) =>
        medicines.TryGetValue(code, out var m) ? MedicineNames.DisplayName(m) : code;
}
