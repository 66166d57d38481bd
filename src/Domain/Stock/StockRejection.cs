namespace MhSupply.Stock;

/// <summary>
/// Why an event was refused: the first ledger line (at or after the new event) whose balance would break, and the
/// balance it would have had. For <see cref="StockRejectionKind.NegativeLotBalance"/> that is the lot's balance.
/// </summary>
public sealed record StockRejection(Guid EventId, DateTimeOffset OccurredAt, StockRejectionKind Kind, long Balance, string? Lot = null)
{
    /// <summary>A stable machine-readable code for API error payloads.</summary>
    public string Code => Kind switch
    {
        StockRejectionKind.NegativeLotBalance => "negative_lot_balance",
        StockRejectionKind.BalanceOverflow => "balance_overflow",
        _ => "negative_balance",
    };

    public string Message => Kind switch
    {
        StockRejectionKind.NegativeLotBalance =>
            $"lot {Lot} would fall to {Balance} at the line {EventId} of {OccurredAt:O}.",
        StockRejectionKind.BalanceOverflow =>
            $"stock on hand would reach {Balance} at the line {EventId} of {OccurredAt:O}, beyond what a card can hold.",
        _ => $"stock on hand would fall to {Balance} at the line {EventId} of {OccurredAt:O}.",
    };
}
