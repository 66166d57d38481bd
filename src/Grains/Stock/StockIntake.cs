namespace MhSupply.Stock;

/// <summary>
/// Turns a submission into a batch of candidates for the cards: each event read and checked on its own, on the medicines
/// list, and not already recorded. An id seen before is answered at once, duplicate (same content) or conflict, and never
/// applied again. Nothing here puts into memory what the ledger lacks: cards are loaded from it, and a card created for a
/// medicine with no line yet is what the ledger holds for it (nothing).
/// </summary>
internal sealed class StockIntake(StockFacility facility, FacilityMedicines medicines, FacilityReasons reasons, FacilityCards cards,
    StockLedger ledger, DateOnly earliest, StockWriteProbe probe)
{
    /// <param name="askLedgerForIds">
    /// False on a first attempt: the lines of the last days are in memory, so a resubmitted recent id is found there
    /// without a query, and only an event dated before them is looked up (before its card is read whole to decide it). An
    /// older id resubmitted with a recent date, or one first recorded at another facility, is not in memory: then the
    /// insert's primary key refuses the batch and the retry asks the ledger for every id.
    /// </param>
    public async Task<StockBatch> AdmitAsync(StockEventInput[] inputs, DateTimeOffset now, bool askLedgerForIds)
    {
        var batch = new StockBatch(inputs.Select(e => e.Id).ToArray());
        await ParseAndValidate(inputs, now, batch);
        await cards.EnsureLoadedAsync();
        ResolveKnownIds(batch);
        await ResolveRecordedIds(batch, askLedgerForIds ? _ => true : e => !cards.Holds(e));
        await cards.HoldAsync(batch.Candidates.Select(c => c.Event));
        cards.EnsureExist(batch.Candidates.Select(c => c.Event.Medicine));
        return batch;
    }

    private async Task ParseAndValidate(StockEventInput[] inputs, DateTimeOffset now, StockBatch batch)
    {
        var seen = new Dictionary<Guid, StockEvent>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            if (!WireNames.TryParse<StockEventType>(input.Type, out var type))
            {
                batch.Reject(i, StockEventError.Of(StockEventError.Invalid, StockMessages.Of("type_invalid", ("value", input.Type),
                    ("allowed", string.Join(", ", WireNames<StockEventType>.All))), "type"));
                continue;
            }
            // One microsecond apart (PostgreSQL's resolution) keeps same-instant events of a batch in submission order.
            // An adjustment takes the sign of its reason now, and keeps it in the ledger.
            var e = await reasons.SignAsync(StockViews.ToDomain(input, type, now.AddTicks(i * 10L)));
            probe.Check(facility.Id, StockWriteStep.Parse);
            var errors = e.ValidateMessages(now, earliest, facility.Calculation.TimeZone, reasons.Current);
            if (errors.Count > 0)
            {
                batch.Reject(i, errors);
                continue;
            }
            if (!await medicines.IsListedAsync(e.Medicine))
            {
                batch.Reject(i, StockEventError.Of(StockEventError.UnknownMedicine, StockMessages.Of("unknown_medicine", ("medicine", e.Medicine)), "medicine"));
                continue;
            }
            if (seen.TryGetValue(e.Id, out var earlier))
            {
                // The same id twice in one batch: a phone that queued a report twice.
                batch.Known(i, earlier.SameContentAs(e));
                continue;
            }
            seen[e.Id] = e;
            batch.AddCandidate(i, e);
        }
    }

    /// <summary>Ids already on one of this facility's cards.</summary>
    private void ResolveKnownIds(StockBatch batch)
    {
        foreach (var (index, e) in batch.Candidates)
        {
            if (cards.TryFind(e.Id, out var known))
            {
                batch.Known(index, known.SameContentAs(e));
                batch.RemoveCandidate(index);
            }
        }
    }

    /// <summary>Ids already in the ledger, wherever recorded: the same event only if recorded here with the same content.</summary>
    private async Task ResolveRecordedIds(StockBatch batch, Func<StockEvent, bool> which)
    {
        var ids = batch.Candidates.Where(c => which(c.Event)).Select(c => c.Event.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var recorded = await ledger.FindAsync(ids);
        if (recorded.Count == 0)
        {
            return;
        }
        var byId = recorded.ToDictionary(r => r.Id);
        foreach (var (index, e) in batch.Candidates)
        {
            if (byId.TryGetValue(e.Id, out var row))
            {
                batch.Known(index, row.Facility == facility.Id && row.ToEvent().SameContentAs(e));
                batch.RemoveCandidate(index);
            }
        }
    }
}
