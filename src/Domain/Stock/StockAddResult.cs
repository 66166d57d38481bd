namespace MhSupply.Stock;

/// <summary>The answer of <see cref="StockCard.TryAdd"/>.</summary>
public sealed record StockAddResult(
    StockAddOutcome Outcome,
    StockRejection? Rejection = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, StockMessage[]>? Messages = null)
{
    public static StockAddResult Accepted { get; } = new(StockAddOutcome.Accepted);
    public static StockAddResult Duplicate { get; } = new(StockAddOutcome.Duplicate);
    public static StockAddResult Conflict { get; } = new(StockAddOutcome.Conflict);

    public bool IsAccepted => Outcome == StockAddOutcome.Accepted;
}
