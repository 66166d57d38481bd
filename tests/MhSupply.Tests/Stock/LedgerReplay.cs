using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Stock;

/// <summary>
/// What a fresh load of a facility from the ledger shows, built straight from mh.stock_event with the domain's card:
/// the yardstick for "the grain never holds what the ledger does not".
/// </summary>
internal static class LedgerReplay
{
    public sealed record CardState(int Soh, string Lots, string Lines);

    /// <summary>Per medicine with lines in the ledger: stock on hand, lots, and every line's running balance.</summary>
    public static async Task<Dictionary<string, CardState>> FromLedger(TestDatabase database, string facility)
    {
        var rows = await new StockLedger(database.DataSource).LoadAsync(facility, medicines: null);
        return rows.GroupBy(r => r.Medicine).ToDictionary(g => g.Key, g =>
        {
            var card = StockCard.FromLedger(g.Select(r => r.ToEvent()));
            return new CardState(card.Soh, Lots(card.Lots.Select(l => (l.Lot, l.Expiry, l.Soh))),
                Lines(card.Lines().Select(l => (l.EventId, l.Balance))));
        });
    }

    /// <summary>The same, as the facility grain answers it now (cards with no line are left out, as the ledger has none).</summary>
    public static async Task<Dictionary<string, CardState>> FromGrain(IFacilityStockGrain grain)
    {
        var stock = await grain.GetStock(null);
        var states = new Dictionary<string, CardState>(StringComparer.Ordinal);
        foreach (var item in stock.Items)
        {
            var lines = await grain.GetCard(item.Medicine, null, null);
            if (lines.Length == 0)
            {
                continue;
            }
            states[item.Medicine] = new CardState(item.Soh, Lots(item.Lots.Select(l => (l.Lot, l.Expiry, l.Soh))),
                Lines(lines.Select(l => (l.EventId, l.Balance))));
        }
        return states;
    }

    /// <summary>Every event of the ledger as a client would resend it: each must be answered as a duplicate.</summary>
    public static async Task<StockEventInput[]> Resubmission(TestDatabase database, string facility)
    {
        var rows = await new StockLedger(database.DataSource).LoadAsync(facility, medicines: null);
        return rows.Select(r => r.ToEvent()).Select(e => new StockEventInput(e.Id, e.Medicine, e.Type.ToWireName(), e.Quantity,
            e.OccurredAt, e.Reason, e.Lot, e.Expiry, e.OtherFacility, e.Note)).ToArray();
    }

    public static void AssertSame(Dictionary<string, CardState> expected, Dictionary<string, CardState> actual, string context)
    {
        var problems = expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(m => !expected.TryGetValue(m, out var e) || !actual.TryGetValue(m, out var a) || e != a)
            .Select(m => $"{m}: ledger {expected.GetValueOrDefault(m)}, grain {actual.GetValueOrDefault(m)}").ToList();
        Assert.True(problems.Count == 0, $"{context}: the grain differs from the ledger:\n{string.Join("\n", problems)}");
    }

    private static string Lots(IEnumerable<(string Lot, DateOnly? Expiry, int Soh)> lots) =>
        string.Join(",", lots.Select(l => $"{l.Lot}:{l.Expiry:yyyy-MM-dd}:{l.Soh}"));

    private static string Lines(IEnumerable<(Guid Id, int Balance)> lines) => string.Join(",", lines.Select(l => $"{l.Id:N}={l.Balance}"));
}
