using MhSupply.Hosting;
using MhSupply.Orders;
using MhSupply.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace MhSupply.Stock;

/// <summary>
/// Per medicine of one facility, what its orders bring (on order, in transit: <see cref="OrderQueries.PipelineAsync"/>) and
/// what the active treatment plans need (<see cref="TreatmentPlans"/>, <see cref="PlanDemand"/>), read when figures are
/// computed: orders and referrals are committed by their own grains, so the stock grain asks rather than holds a copy that
/// could lag behind them.
/// </summary>
public sealed class FacilityPipeline(OrderQueries orders, TreatmentPlans plans, [FromKeyedServices(Clock.Key)] TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<string, StockPipeline>> ForAsync(string facility, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        var coming = await orders.PipelineAsync(facility, cancellationToken);
        var now = clock.GetUtcNow();
        var today = LocalDays.DateOf(now, zone);
        var active = (await plans.ActiveAtAsync(facility, now, cancellationToken)).Where(p => p.Plan.IsActiveOn(today)).ToList();
        var demand = PlanDemand.Of(active.Select(p => p.Plan), today).ToDictionary(d => d.Medicine, StringComparer.Ordinal);
        var nextDue = active.Where(p => p.NextVisit is not null).GroupBy(p => p.Plan.Medicine)
            .ToDictionary(g => g.Key, g => g.Min(p => p.NextVisit), StringComparer.Ordinal);
        return coming.Keys.Union(demand.Keys).ToDictionary(m => m, m =>
        {
            var (onOrder, inTransit) = coming.GetValueOrDefault(m);
            var plan = demand.GetValueOrDefault(m);
            return new StockPipeline(onOrder, inTransit, plan?.PlanDemand, plan?.PatientsOnPlan ?? 0, nextDue.GetValueOrDefault(m));
        }, StringComparer.Ordinal);
    }
}
