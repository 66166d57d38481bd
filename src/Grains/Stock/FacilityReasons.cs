namespace MhSupply.Stock;

/// <summary>
/// The adjustment reasons as the facility's grain last read them, shared by every facility of the process while they are
/// unchanged. Re-read when a report names a reason it does not know: an admin may have added it since. A cached reason
/// cannot sign wrongly, because a reason's direction never changes (<see cref="AdjustmentReason"/>).
/// </summary>
internal sealed class FacilityReasons(Reference.AdjustmentReasonCatalog catalog)
{
    private static AdjustmentReasons _shared = new([]);

    public AdjustmentReasons Current => Volatile.Read(ref _shared);

    public async Task ReloadAsync(CancellationToken cancellationToken = default) =>
        Volatile.Write(ref _shared, await catalog.ReadAsync(cancellationToken));

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
