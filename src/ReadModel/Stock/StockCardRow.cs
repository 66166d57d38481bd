using System.Text.Json;

namespace MhSupply.Stock;

/// <summary>A card's read-model row: its figures as of the day of its last change.</summary>
public sealed record StockCardRow(
    string Facility,
    string Medicine,
    string District,
    string Region,
    int Soh,
    decimal? Amc,
    decimal? Mos,
    string Status,
    int StockoutDaysThisMonth,
    DateOnly? ProjectedStockoutDate,
    int? SuggestedOrder,
    DateTimeOffset? LastEventAt,
    IReadOnlyList<LotBalance> Lots,
    DateOnly AsOf)
{
    /// <summary>How the row's lots are spelled in its jsonb column, for the writer and the readers alike.</summary>
    public static JsonSerializerOptions LotsJson { get; } = new(JsonSerializerDefaults.Web);
}
