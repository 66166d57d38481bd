namespace MhSupply.Indicators;

/// <summary>
/// Every indicator for a place and period, from the sources of each area (<see cref="IIndicatorSource"/>), in the
/// catalogue's order: the whole first, then its breakdown members. The API, the DHIS2 export and the screens all read
/// through here, so a figure is computed one way.
/// </summary>
public sealed class IndicatorService(IEnumerable<IIndicatorSource> sources, MhSupply.Stock.StockProjectionCatchUp projection)
{
    private readonly IReadOnlyList<IIndicatorSource> _sources = [.. sources];

    /// <summary>The areas that have a source: an area without one has no values yet.</summary>
    public IReadOnlySet<IndicatorArea> Areas => _sources.Select(s => s.Area).ToHashSet();

    public async Task<IReadOnlyList<IndicatorValue>> ValuesAsync(IndicatorScope scope, IndicatorPeriod period, CancellationToken cancellationToken = default) =>
        (await ValuesAsync(scope, [period], null, cancellationToken))[period];

    /// <summary>The values of several periods; only the areas of <paramref name="indicators"/> are asked when given.</summary>
    public async Task<IReadOnlyDictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>> ValuesAsync(IndicatorScope scope,
        IReadOnlyList<IndicatorPeriod> periods, IReadOnlyCollection<string>? indicators, CancellationToken cancellationToken = default)
    {
        var areas = indicators?.Select(i => IndicatorCatalog.Find(i)?.Area).OfType<IndicatorArea>().ToHashSet();
        var asked = _sources.Where(s => areas is null || areas.Contains(s.Area)).ToList();
        // Stock figures and reported months are projected a moment after the commit: the place's facilities catch up first,
        // so an indicator read after a report counts it (as every read of the stock read model does).
        await (scope.Level switch
        {
            IndicatorLevel.Facility => projection.CatchUpAsync(null, [scope.ScopeId], cancellationToken),
            IndicatorLevel.District => projection.CatchUpAsync([scope.ScopeId], null, cancellationToken),
            _ => projection.CatchUpAllAsync(cancellationToken),
        });
        var answers = await Task.WhenAll(asked.Select(s => s.ComputeAsync(scope, periods, cancellationToken)));
        var result = new Dictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>();
        foreach (var period in periods)
        {
            result[period] = answers
                .SelectMany(a => a.TryGetValue(period, out var values) ? values : [])
                .Where(v => indicators is null || indicators.Contains(v.Indicator))
                .OrderBy(v => IndicatorCatalog.OrderOf(v.Indicator))
                .ThenBy(v => v.Breakdown is null ? 0 : 1)
                .ThenBy(v => v.BreakdownKey, StringComparer.Ordinal)
                .ToList();
        }
        return result;
    }
}
