namespace MhSupply.Stock;

/// <summary>
/// Per card, the dated lots the lot due-index was last brought in line with (read from the read model's rows when
/// unknown, as after an activation), and how the cards' lots moved since: what a projection re-indexes.
/// </summary>
internal sealed class IndexedLots(string facility, StockLedger ledger)
{
    private readonly Dictionary<string, List<(string Lot, DateOnly Expiry)>> _indexed = new(StringComparer.Ordinal);

    public async Task<LotChanges> ChangesAsync(IReadOnlyCollection<string> medicines, FacilityCards cards)
    {
        var unknown = medicines.Where(m => !_indexed.ContainsKey(m)).ToList();
        if (unknown.Count > 0)
        {
            var projected = await ledger.ProjectedLotsAsync(facility, unknown);
            foreach (var m in unknown)
            {
                _indexed[m] = projected.TryGetValue(m, out var lots) ? DatedLots(lots) : [];
            }
        }
        var changes = new LotChanges([], [], []);
        foreach (var medicine in medicines)
        {
            var after = DatedLots(cards[medicine].Lots);
            var before = _indexed[medicine];
            changes.Added.AddRange(after.Where(a => !before.Contains(a)).Select(l => (medicine, l.Lot, l.Expiry)));
            changes.Removed.AddRange(before.Where(b => after.All(a => a.Lot != b.Lot)).Select(l => (medicine, l.Lot)));
            changes.Now.Add((medicine, after));
        }
        return changes;
    }

    /// <summary>The projection that wrote <paramref name="changes"/> committed: the index follows the cards' lots now.</summary>
    public void Indexed(LotChanges changes)
    {
        foreach (var (medicine, lots) in changes.Now)
        {
            _indexed[medicine] = lots;
        }
    }

    /// <summary>Lots with an expiry on the shelf after the card's last line: what the due-index tracks (a card holds a few).</summary>
    private static List<(string Lot, DateOnly Expiry)> DatedLots(IEnumerable<LotBalance> balances)
    {
        var lots = new List<(string Lot, DateOnly Expiry)>();
        foreach (var l in balances)
        {
            if (l.Soh > 0 && l.Expiry is { } expiry)
            {
                lots.Add((l.Lot, expiry));
            }
        }
        return lots;
    }
}
