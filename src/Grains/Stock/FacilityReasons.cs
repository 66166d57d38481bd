namespace MhSupply.Stock;

/// <summary>
/// The adjustment reasons as this silo last read them, one copy (a singleton) for every facility grain it hosts. Re-read
/// when a report names a reason it does not know: an admin may have added it since. A cached reason cannot sign wrongly,
/// because a reason's direction never changes (<see cref="AdjustmentReason"/>).
/// </summary>
public sealed class FacilityReasons(Reference.AdjustmentReasonCatalog catalog)
{
    private AdjustmentReasons _shared = new([]);

    public AdjustmentReasons Current => Volatile.Read(ref _shared);

    public async Task ReloadAsync(CancellationToken cancellationToken = default) =>
        Volatile.Write(ref _shared, await catalog.ReadAsync(cancellationToken));

    /// <summary>
    /// Reads the catalogue only when this silo holds none yet: an activation needs no query of its own (the nightly
    /// refresh activates every facility), and what a cached catalogue lacks is read when a report names it.
    /// </summary>
    public Task EnsureLoadedAsync(CancellationToken cancellationToken = default) =>
        Current.Count == 0 ? ReloadAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>The event signed by its reason, re-reading the catalogue once for a reason not yet known.</summary>
    public async ValueTask<StockEvent> SignAsync(StockEvent e)
    {
        if (e.Type != StockEventType.Adjustment || string.IsNullOrWhiteSpace(e.Reason))
        {
            return e;
        }
        if (Current.Find(e.Reason) is null)
        {
            await ReloadAsync();
        }
        return Current.Sign(e);
    }
}
