namespace MhSupply.Stock;

/// <summary>
/// Why an event was refused: the first ledger line (at or after the new event) whose balance would break, and the
/// balance it would have had. For <see cref="StockRejectionKind.NegativeLotBalance"/> that is the lot's balance.
/// The card fills in the rest (<see cref="StockCard.TryAdd"/>): the event refused, the line it breaks when that is a later
/// one, their local days and what was on hand, so the message can say it in a pharmacist's words.
/// </summary>
public sealed record StockRejection(Guid EventId, DateTimeOffset OccurredAt, StockRejectionKind Kind, long Balance, string? Lot = null)
{
    /// <summary>The event refused (null only where a rejection is built outside a card).</summary>
    public StockEvent? Event { get; init; }

    /// <summary>The later line the event would break; null when the event itself breaks.</summary>
    public StockEvent? Line { get; init; }

    /// <summary>The local days of <see cref="Event"/> and of the breaking line.</summary>
    public DateOnly Day { get; init; }

    public DateOnly LineDay { get; init; }

    /// <summary>What the breaking line found: the card's stock on hand, or the lot's for a lot balance.</summary>
    public long OnHand { get; init; }

    /// <summary>For <see cref="StockRejectionKind.OnlyExpiredStock"/>: usable stock, units in expired lots, the lot that expired last.</summary>
    public int Usable { get; init; }

    public int Expired { get; init; }

    public DateOnly? ExpiredLotExpiry { get; init; }

    /// <summary>A stable machine-readable code for API error payloads: which balance breaks (the same for a later line).</summary>
    public string Code => Kind switch
    {
        StockRejectionKind.NegativeLotBalance => "negative_lot_balance",
        StockRejectionKind.BalanceOverflow => "balance_overflow",
        StockRejectionKind.OnlyExpiredStock => "only_expired_stock",
        _ => "negative_balance",
    };

    /// <summary>The message (code, parameters, English text): <see cref="StockMessages"/> holds the templates.</summary>
    public StockMessage Describe()
    {
        var asked = Event?.Quantity ?? 0;
        var type = Event?.Type ?? StockEventType.Issue;
        if (Line is { } line)
        {
            var later = new (string, object?)[]
            {
                ("type", type), ("asked", asked), ("day", Day), ("lineType", line.Type), ("lineQuantity", line.Quantity), ("lineDay", LineDay),
                ("balance", Balance),
            };
            return Kind switch
            {
                StockRejectionKind.NegativeLotBalance => StockMessages.Of("breaks_later_lot", [.. later, ("lot", Lot)]),
                StockRejectionKind.BalanceOverflow => StockMessages.Of("breaks_later_overflow", later),
                StockRejectionKind.OnlyExpiredStock => StockMessages.Of("breaks_later_expired",
                    [.. later, ("usable", Usable), ("expired", Expired), ("lot", Lot), ("expiry", ExpiredLotExpiry)]),
                _ => StockMessages.Of("breaks_later_line", later),
            };
        }
        return Kind switch
        {
            StockRejectionKind.NegativeLotBalance => StockMessages.Of("negative_lot_balance",
                ("lot", Lot), ("inLot", OnHand), ("day", Day), ("type", type), ("asked", asked), ("balance", Balance)),
            StockRejectionKind.BalanceOverflow => StockMessages.Of("balance_overflow", ("type", type), ("asked", asked), ("day", Day), ("balance", Balance)),
            StockRejectionKind.OnlyExpiredStock => StockMessages.Of("only_expired_stock",
                ("usable", Usable), ("asked", asked), ("day", Day), ("expired", Expired), ("lot", Lot), ("expiry", ExpiredLotExpiry), ("type", type)),
            _ => StockMessages.Of("negative_balance", ("onHand", OnHand), ("day", Day), ("type", type), ("asked", asked), ("balance", Balance)),
        };
    }

    /// <summary>The English text of <see cref="Describe"/>.</summary>
    public string Message => Describe().Text;
}
