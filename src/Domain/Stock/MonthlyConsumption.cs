namespace MhSupply.Stock;

/// <summary>
/// One month of a card (facility local days). <see cref="DaysOnCard"/> counts the days from the card's first event
/// (up to the as-of day for the current month); <see cref="StockoutDays"/> those of them whose closing balance was 0.
/// <see cref="AdjustedConsumption"/> is null when the month has no usable data (no day with stock on the card).
/// </summary>
public sealed record MonthlyConsumption(
    int Year,
    int Month,
    int DaysInMonth,
    int DaysOnCard,
    int StockoutDays,
    long Consumption,
    decimal? AdjustedConsumption)
{
    public bool HasData => AdjustedConsumption is not null;
}
