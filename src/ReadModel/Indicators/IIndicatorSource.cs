namespace MhSupply.Indicators;

/// <summary>
/// Computes every indicator of one <see cref="IndicatorArea"/> (see <see cref="IndicatorCatalog"/>) for a place and
/// several periods at once: a trend asks for twelve months in one round trip, not twelve.
/// </summary>
public interface IIndicatorSource
{
    IndicatorArea Area { get; }

    /// <summary>
    /// The area's values per period: each indicator's whole (numerator and denominator where it has them) and one value
    /// per breakdown member. A period is answered even when nothing happened in it (rates then have a null value).
    /// </summary>
    Task<IReadOnlyDictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>> ComputeAsync(IndicatorScope scope,
        IReadOnlyList<IndicatorPeriod> periods, CancellationToken cancellationToken = default);
}
