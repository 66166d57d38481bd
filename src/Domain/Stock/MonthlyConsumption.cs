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

    /// <summary>
    /// A month from its counts. Adjusted consumption = consumption × days in month ÷ days with stock (JSI Logistics
    /// Handbook): days before the card began count, like stock-out days, as days nobody could dispense from the card.
    /// </summary>
    public static MonthlyConsumption Of(int year, int month, int daysOnCard, int stockoutDays, long consumption)
    {
        var daysInMonth = DateTime.DaysInMonth(year, month);
        var withStock = daysOnCard - stockoutDays;
        decimal? adjusted = withStock > 0 ? (decimal)consumption * daysInMonth / withStock : null;
        return new MonthlyConsumption(year, month, daysInMonth, daysOnCard, stockoutDays, consumption, adjusted);
    }
}
