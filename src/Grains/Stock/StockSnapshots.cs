using Microsoft.Extensions.Logging;

namespace MhSupply.Stock;

/// <summary>
/// Keeps the facility's snapshot in grain storage in step with its cards: after a projection (the cards' figures are in
/// the read model then) when the fold day moved or enough events were committed since the last one, and before the
/// activation goes. A snapshot is built from committed memory only, so it never runs ahead of the ledger; one that is not
/// written costs the next activation a longer tail, nothing else. Once the cards are loaded from it, or it is written,
/// the object is let go: the cards hold the same figures, and memory per facility is the target of the benchmark.
/// </summary>
internal sealed class StockSnapshots(IPersistentState<FacilityStockSnapshot> state, string facility, ILogger logger)
{
    /// <summary>
    /// Events committed since the stored snapshot after which a projection writes a new one: an activation then reads at
    /// most about this many events of tail, while a busy facility writes its few-kilobyte snapshot every this many events.
    /// </summary>
    public const int EventsBetweenSnapshots = 2_000;

    private bool _readByActivation = true;

    /// <summary>What the stored snapshot covers (Orleans read it before the activation began).</summary>
    private (int Format, long Position, DateOnly ThroughDay) _stored = (state.State.Format, state.State.Position, state.State.ThroughDay);

    public long StoredPosition => _stored.Position;

    /// <summary>The stored snapshot, to load the cards from: the one read at activation, or read again after a failed batch.</summary>
    public async Task<FacilityStockSnapshot> ReadAsync()
    {
        if (!_readByActivation)
        {
            await state.ReadStateAsync();
            _stored = (state.State.Format, state.State.Position, state.State.ThroughDay);
        }
        _readByActivation = false;
        var snapshot = state.State;
        state.State = new();
        return snapshot;
    }

    /// <param name="final">Before deactivation: written whenever anything changed since the stored one.</param>
    public async Task SaveIfDueAsync(FacilityCards cards, DateTimeOffset now, bool final = false)
    {
        if (!cards.IsLoaded)
        {
            return;
        }
        var folded = cards.FoldAsOf(now, all: final);
        var behind = cards.Position - _stored.Position;
        var stale = _stored.Format != FacilityStockSnapshot.CurrentFormat || _stored.ThroughDay != cards.ThroughDay || folded;
        if (!stale && behind == 0 || !stale && !final && behind < EventsBetweenSnapshots)
        {
            return;
        }
        var snapshot = cards.ToSnapshot();
        state.State = snapshot;
        try
        {
            await state.WriteStateAsync();
            _stored = (snapshot.Format, snapshot.Position, snapshot.ThroughDay);
        }
        catch (Exception e)
        {
            // Nothing is lost: a later write, or the next activation's tail, catches up.
            logger.LogWarning(e, "Writing the stock snapshot of {Facility} at position {Position} failed", facility, cards.Position);
        }
        finally
        {
            state.State = new();
        }
    }
}
