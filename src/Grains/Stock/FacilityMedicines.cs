using MhSupply.Reference;

namespace MhSupply.Stock;

/// <summary>
/// The medicines list as the facility's grain last read it. Re-read when a report names a code it does not know and when
/// a stock view lists the items with no line yet: an admin may have added or retired items since the activation.
/// </summary>
internal sealed class FacilityMedicines(MedicineCatalog catalog)
{
    private Dictionary<string, MedicineRecord> _byCode = new(StringComparer.Ordinal);

    public IEnumerable<MedicineRecord> All => _byCode.Values;

    public async Task ReloadAsync(CancellationToken cancellationToken = default) =>
        _byCode = (await catalog.ListAsync(includeRetired: true, cancellationToken)).ToDictionary(m => m.Code, StringComparer.Ordinal);

    /// <summary>Whether the code is on the list, re-reading the list once when it is not (no query for a known code).</summary>
    public async ValueTask<bool> IsListedAsync(string code)
    {
        if (_byCode.ContainsKey(code))
        {
            return true;
        }
        await ReloadAsync();
        return _byCode.ContainsKey(code);
    }
}
