namespace MhSupply.Stock;

/// <summary>
/// A card's figures as at the end of <see cref="AsOf"/> (facility local time), from events that occurred by then
/// (docs/api.md, "Stock" item). <see cref="AmcBasis"/> lists the months AMC averaged, newest first.
/// </summary>
public sealed record StockFigures(
    DateOnly AsOf,
    int Soh,
    decimal? Amc,
    decimal? Mos,
    StockStatus Status,
    int StockoutDaysThisMonth,
    DateOnly? ProjectedStockoutDate,
    int? SuggestedOrder,
    DateTimeOffset? LastEventAt,
    IReadOnlyList<LotBalance> Lots,
    IReadOnlyList<LotBalance> Expiring,
    IReadOnlyList<LotBalance> ExpiredOnShelf,
    IReadOnlyList<MonthlyConsumption> AmcBasis)
{
    /// <summary>What is coming and what the plans need, as the figures were computed with (<see cref="StockPipeline"/>).</summary>
    public StockPipeline Pipeline { get; init; } = StockPipeline.None;

    /// <summary>An order for this card cannot wait for the review period (<see cref="StockCalculator.IsEmergency"/>).</summary>
    public bool Emergency => StockCalculator.IsEmergency(Status);
}
