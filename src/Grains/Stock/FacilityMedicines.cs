using MhSupply.Alerts;
using MhSupply.Reference;

namespace MhSupply.Stock;

/// <summary>
/// The medicines list as the facility's grain last read it. Re-read when a report names a code it does not know and when
/// a stock view lists the items with no line yet: an admin may have added or retired items since the activation.
/// </summary>
internal sealed class FacilityMedicines(MedicineCatalog catalog)
{
    /// <summary>
    /// The list as last read by any facility of this process: every facility reads the same list, so while it is unchanged
    /// they all keep this one copy instead of one each (a few dozen records, more than a facility's own cards weigh).
    /// </summary>
    private static Dictionary<string, MedicineRecord> _shared = new(StringComparer.Ordinal);

    private Dictionary<string, MedicineRecord> _byCode = _shared;

    public IEnumerable<MedicineRecord> All => _byCode.Values;

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var read = await catalog.ListAsync(includeRetired: true, cancellationToken);
        var shared = Volatile.Read(ref _shared);
        if (read.Count != shared.Count || read.Any(m => !shared.TryGetValue(m.Code, out var known) || !Same(known, m)))
        {
            shared = read.ToDictionary(m => m.Code, StringComparer.Ordinal);
            Volatile.Write(ref _shared, shared);
        }
        _byCode = shared;
    }

    private static bool Same(MedicineRecord a, MedicineRecord b) => a with { Levels = b.Levels } == b && a.Levels.SequenceEqual(b.Levels);

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

    /// <summary>The medicine with the name alerts give it; a code the list lacks names itself.</summary>
    public Named AlertName(string code) =>
        _byCode.TryGetValue(code, out var m) ? new(code, AlertMessages.MedicineName(m.Name, m.Strength, m.Form)) : Named.Unnamed(code);
}
