using MhSupply.Orders;

namespace MhSupply.Stock;

/// <summary>
/// Per medicine of one facility, what its orders bring (on order, in transit: <see cref="OrderQueries.PipelineAsync"/>),
/// read when figures are computed: the orders are committed by their own grains, so the stock grain asks rather than
/// holds a copy that could lag behind them.
/// </summary>
public sealed class FacilityPipeline(OrderQueries orders)
{
    public async Task<IReadOnlyDictionary<string, StockPipeline>> ForAsync(string facility, CancellationToken cancellationToken = default) =>
        (await orders.PipelineAsync(facility, cancellationToken))
            .ToDictionary(p => p.Key, p => new StockPipeline(p.Value.OnOrder, p.Value.InTransit), StringComparer.Ordinal);
}
