namespace MhSupply.Stock;

/// <summary>
/// Applies one event to the state left by the line before it. The signs follow the table in docs/domain.md ("Stock cards and events") and
/// OpenLMIS stock management: a source or credit reason adds, a destination or debit reason subtracts, a physical
/// inventory sets stock on hand and records the difference as its variance.
/// </summary>
internal static class LedgerStep
{
    /// <summary>
    /// Returns null and the new line, or the rejection when a balance would break. A debit naming no lot that only expired
    /// stock could cover is applied (taking the expired lots last) with <see cref="LedgerEntry.FromExpired"/> set: whether
    /// that refuses the event is the card's decision (<see cref="StockCard.TryAdd"/>), because a stored line accepted under
    /// an older rule must still replay.
    /// </summary>
    public static StockRejection? TryApply(StockEvent e, int balance, LotState lots, StockLedgerRules rules, out LedgerEntry entry)
    {
        entry = default;
        var lot = e.LotOrNull;
        switch (e.Type)
        {
            case StockEventType.PhysicalCount:
                return Count(e, lot, balance, lots, rules, out entry);
            case StockEventType.Receipt or StockEventType.TransferIn:
                return Credit(e, lot, balance, lots, out entry);
            case StockEventType.Issue or StockEventType.TransferOut:
                return Debit(e, lot, balance, lots, rules, out entry);
            case StockEventType.Adjustment when e.Credit is { } credit:
                // The sign the reason had when the event was accepted, stored with it.
                return credit ? Credit(e, lot, balance, lots, out entry) : Debit(e, lot, balance, lots, rules, out entry);
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

    private static StockRejection? Debit(StockEvent e, string? lot, int balance, LotState lots, StockLedgerRules rules, out LedgerEntry entry)
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
        var taken = TakeUnnamed(e, lots, balance, e.Quantity, rules, out var fromExpired);
        entry = new LedgerEntry(e, (int)next, null, taken, fromExpired);
        return null;
    }

    private static StockRejection? Count(StockEvent e, string? lot, int balance, LotState lots, StockLedgerRules rules, out LedgerEntry entry)
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
        // A shortfall takes the unexpired lots first too (what is missing was most likely dispensed), but a count is never
        // refused for reaching into expired lots: it records what is on the shelf, and refusing it would keep a false balance.
        var nextLots = e.Quantity < balance ? TakeUnnamed(e, lots, balance, balance - e.Quantity, rules, out _) : lots;
        entry = new LedgerEntry(e, e.Quantity, e.Quantity - balance, nextLots);
        return null;
    }

    /// <summary>
    /// A debit naming no lot takes from the lots first-expiry-first-out and from stock without a lot last. Our choice,
    /// because stock without a lot has an unknown expiry and FEFO issues known-soon expiries first; it also keeps
    /// lots from being reported as expiring on the shelf after they were most likely dispensed.
    /// Under the safe rule (Stock:IssueFromExpiredLots false, the default) the lots already expired on the line's local
    /// day are not among them: nobody should dispense them, so the unexpired lots go first, then stock without a lot, and
    /// the expired lots only for what those cannot cover (<paramref name="fromExpired"/>, which the card refuses for a new
    /// event). <paramref name="balance"/> is the card's balance before the debit; the caller checked it covers it.
    /// </summary>
    private static LotState TakeUnnamed(StockEvent e, LotState lots, int balance, int quantity, StockLedgerRules rules, out int fromExpired)
    {
        fromExpired = 0;
        if (lots.IsEmpty)
        {
            return lots;
        }
        if (rules.IssueFromExpiredLots)
        {
            return lots.TakeFefo(quantity, out _);
        }
        var day = LocalDays.DateOf(e.OccurredAt, rules.TimeZone);
        var expired = lots.ExpiredOn(day);
        if (expired == 0)
        {
            return lots.TakeFefo(quantity, out _);
        }
        var usable = balance - expired;
        var next = lots.TakeFefo(quantity, day, out _);
        if (quantity > usable)
        {
            // Only the expired lots remain in `next` now: every unexpired lot and the stock without a lot are used up.
            fromExpired = quantity - Math.Max(0, usable);
            next = next.TakeFefo(fromExpired, out _);
        }
        return next;
    }

    /// <summary>The refusal of a debit that only expired stock could cover, with what was usable and the expired lot.</summary>
    public static (int Usable, int Expired, LotHolding? Lot) ExpiredShortfall(StockEvent e, int balance, LotState lots, StockLedgerRules rules)
    {
        var day = LocalDays.DateOf(e.OccurredAt, rules.TimeZone);
        var expired = lots.ExpiredOn(day);
        return (balance - expired, expired, lots.LatestExpiredOn(day));
    }
}
