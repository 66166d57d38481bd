namespace MhSupply.Stock;

/// <summary>
/// Applies one event to the state left by the line before it. The signs follow the table in docs/domain.md ("Stock cards and events") and
/// OpenLMIS stock management: a source or credit reason adds, a destination or debit reason subtracts, a physical
/// inventory sets stock on hand and records the difference as its variance.
/// </summary>
internal static class LedgerStep
{
    /// <summary>Returns null and the new line, or the rejection when a balance would break.</summary>
    public static StockRejection? TryApply(StockEvent e, int balance, LotState lots, out LedgerEntry entry)
    {
        entry = default;
        var lot = e.LotOrNull;
        switch (e.Type)
        {
            case StockEventType.PhysicalCount:
                return Count(e, lot, balance, lots, out entry);
            case StockEventType.Receipt or StockEventType.TransferIn:
                return Credit(e, lot, balance, lots, out entry);
            case StockEventType.Issue or StockEventType.TransferOut:
                return Debit(e, lot, balance, lots, out entry);
            case StockEventType.Adjustment when WireNames.TryParse<AdjustmentReason>(e.Reason, out var reason):
                return reason.IsCredit() ? Credit(e, lot, balance, lots, out entry) : Debit(e, lot, balance, lots, out entry);
            default:
                throw new ArgumentException($"Event {e.Id} was not validated before reaching the card.", nameof(e));
        }
    }

    private static StockRejection? Credit(StockEvent e, string? lot, int balance, LotState lots, out LedgerEntry entry)
    {
        entry = default;
        var next = (long)balance + e.Quantity;
        if (next > int.MaxValue)
        {
            return new StockRejection(e.Id, e.OccurredAt, StockRejectionKind.BalanceOverflow, next);
        }
        var nextLots = lot is null ? lots : lots.With(lot, lots.QuantityOf(lot) + e.Quantity, e.Expiry);
        entry = new LedgerEntry(e, (int)next, null, nextLots);
        return null;
    }

    private static StockRejection? Debit(StockEvent e, string? lot, int balance, LotState lots, out LedgerEntry entry)
    {
        entry = default;
        if (lot is not null)
        {
            // A named lot is a physical fact: it cannot give more than it holds, whatever else is on the shelf.
            var inLot = lots.QuantityOf(lot);
            if (inLot < e.Quantity)
            {
                return new StockRejection(e.Id, e.OccurredAt, StockRejectionKind.NegativeLotBalance, (long)inLot - e.Quantity, lot);
            }
            entry = new LedgerEntry(e, balance - e.Quantity, null, lots.With(lot, inLot - e.Quantity, null));
            return null;
        }
        var next = (long)balance - e.Quantity;
        if (next < 0)
        {
            return new StockRejection(e.Id, e.OccurredAt, StockRejectionKind.NegativeBalance, next);
        }
        entry = new LedgerEntry(e, (int)next, null, TakeLotsFirst(lots, e.Quantity));
        return null;
    }

    private static StockRejection? Count(StockEvent e, string? lot, int balance, LotState lots, out LedgerEntry entry)
    {
        entry = default;
        if (lot is not null)
        {
            // Counting one lot sets that lot; the card moves by the lot's difference and the rest is untouched.
            var next = (long)balance - lots.QuantityOf(lot) + e.Quantity;
            if (next > int.MaxValue)
            {
                return new StockRejection(e.Id, e.OccurredAt, StockRejectionKind.BalanceOverflow, next, lot);
            }
            entry = new LedgerEntry(e, (int)next, (int)(next - balance), lots.With(lot, e.Quantity, e.Expiry));
            return null;
        }
        // Counting the card sets its total. A shortfall is taken like a debit; a surplus cannot be put in a lot
        // nobody named, so it is stock without a lot.
        var nextLots = e.Quantity < balance ? TakeLotsFirst(lots, balance - e.Quantity) : lots;
        entry = new LedgerEntry(e, e.Quantity, e.Quantity - balance, nextLots);
        return null;
    }

    /// <summary>
    /// A debit naming no lot takes from the lots first-expiry-first-out and from stock without a lot last. Our choice,
    /// because stock without a lot has an unknown expiry and FEFO issues known-soon expiries first; it also keeps
    /// lots from being reported as expiring on the shelf after they were most likely dispensed.
    /// </summary>
    private static LotState TakeLotsFirst(LotState lots, int quantity) => lots.IsEmpty ? lots : lots.TakeFefo(quantity, out _);
}
