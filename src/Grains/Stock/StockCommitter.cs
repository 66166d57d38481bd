using Microsoft.Extensions.Logging;

namespace MhSupply.Stock;

/// <summary>
/// Commits a batch: the cards take its candidates, the events they accepted go to the ledger (with the pending-projection
/// marker, unless it is in already) and only then is the batch answered; the changed cards are left to the projection.
/// A batch that throws anywhere after its first card change is undone in memory (<see cref="Forget"/>), so the grain can
/// never hold what PostgreSQL does not, or miss what it does.
/// </summary>
internal sealed class StockCommitter(StockFacility facility, FacilityCards cards, ProjectionMarker marker, StockLedger ledger,
    FacilityProjection projection, StockWriteProbe probe, ILogger logger)
{
    /// <param name="whole">
    /// A count sheet: all its lines or none. A line refused before the cards saw it refuses the sheet at once; one the cards
    /// refused undoes in memory what the others changed (the cards reload from the snapshot and the ledger, which hold none
    /// of them), and nothing is written.
    /// </param>
    public async Task CommitAsync(StockBatch batch, string recordedBy, DateTimeOffset now, bool whole = false)
    {
        var changes = new BatchChanges();
        if (whole && batch.AnyRejected)
        {
            batch.WithdrawTheRest();
            return;
        }
        try
        {
            cards.Apply(batch, changes);
            if (whole && batch.AnyRejected)
            {
                cards.Forget();
                batch.WithdrawTheRest();
                return;
            }
            if (changes.Accepted.Count > 0)
            {
                await probe.At(facility.Id, StockWriteStep.BeforeCommit);
                await ledger.CommitAsync(facility.Id, facility.Record.District, recordedBy, changes.Accepted, cards.Position + 1,
                    markPending: !marker.Committed);
                cards.Committed(changes.Accepted);
                marker.Written();
                await probe.At(facility.Id, StockWriteStep.AfterCommit);
                projection.NoteUnprojected(changes.Changed, now, recordedBy);
            }
        }
        catch (Exception e)
        {
            Forget(changes, now, recordedBy, e);
            throw;
        }
    }

    /// <summary>
    /// Undoes a batch that threw anywhere between its first card change and its answer. Memory may hold events the ledger
    /// lacks (the commit failed or never ran) or lack some it holds (the commit went through but its answer was lost), so
    /// the cards are dropped and the snapshot and the ledger decide on their next use. Whether the marker went in is
    /// unknown, so the next commit writes it again, and the changed cards are projected from what the ledger holds. Not
    /// counted as a report: an open report_overdue alert must not resolve on a failed commit (a commit whose answer was
    /// lost counts for its month when the next projection rebuilds the reported months from the ledger).
    /// </summary>
    private void Forget(BatchChanges changes, DateTimeOffset now, string actor, Exception cause)
    {
        cards.Forget();
        marker.Unknown();
        logger.LogWarning(cause, "A stock batch at {Facility} failed before its answer; its cards reload from the snapshot and the ledger",
            facility.Id);
        try
        {
            projection.NoteUnprojected(changes.Changed, now, actor);
        }
        catch (Exception e)
        {
            // The marker (if the commit went through) still has a reader, the alert scan or the next activation project.
            logger.LogWarning(e, "Scheduling {Facility}'s projection after a failed batch failed too", facility.Id);
        }
    }
}
