namespace MhSupply.Stock;

/// <summary>Maps the domain's figures and lines to what grains return and the read model stores.</summary>
public static class StockViews
{
    public static StockItemView Item(string medicine, StockFigures f) => new(
        medicine, f.Soh, Round(f.Amc), Round(f.Mos), f.Status.ToWireName(), f.StockoutDaysThisMonth, f.ProjectedStockoutDate,
        f.SuggestedOrder, f.LastEventAt, f.Lots.Select(Lot).ToArray(), f.Pipeline.OnOrder, f.Pipeline.InTransit, Round(f.Pipeline.PlanDemand),
        f.Pipeline.PatientsOnPlan, f.Emergency);

    public static LotView Lot(LotBalance l) => new(l.Lot, l.Expiry, l.Soh);

    public static StockCardLineView Line(StockCardLine l, StockEvent e) => new(
        l.EventId, l.Type.ToWireName(), l.Quantity, l.OccurredAt, l.RecordedAt, l.Reason, l.Lot, l.Balance, l.Variance,
        e.OtherFacility, e.Expiry);

    public static StockCardRow Row(string facility, string district, string region, string medicine, StockFigures f) => new(
        facility, medicine, district, region, f.Soh, RoundDecimal(f.Amc), RoundDecimal(f.Mos), f.Status.ToWireName(),
        f.StockoutDaysThisMonth, f.ProjectedStockoutDate, f.SuggestedOrder, f.LastEventAt, f.Lots, f.AsOf);

    /// <summary>Figures are shown to two decimals; the domain keeps full precision for its own decisions.</summary>
    private static double? Round(decimal? value) => value is { } v ? (double)Math.Round(v, 2) : null;

    private static decimal? RoundDecimal(decimal? value) => value is { } v ? Math.Round(v, 4) : null;

    public static StockEvent ToDomain(StockEventInput input, StockEventType type, DateTimeOffset recordedAt) => new(
        input.Id, input.Medicine, type, input.Quantity, ToMicroseconds(input.OccurredAt), ToMicroseconds(recordedAt),
        Blank(input.Reason), Blank(input.Lot), input.Expiry, Blank(input.OtherFacility), Blank(input.Note));

    /// <summary>PostgreSQL keeps microseconds: memory must hold exactly what the ledger will give back.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset t) => t.AddTicks(-(t.UtcTicks % 10));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
