using MhSupply.Reporting;
using Microsoft.Extensions.Logging;

namespace MhSupply.Stock;

/// <summary>What a facility's cards were loaded from: the cards, the months reported, and the ledger position covered.</summary>
internal sealed record LoadedCards(Dictionary<string, StockCard> Cards, ReportedPeriods Periods, long Position, Guid LastEventId,
    DateOnly ThroughDay, string Source);

/// <summary>
/// Loads a facility's cards: from its snapshot, the lines held after the snapshot's day and the events after its position
/// (<see cref="StockLedger.SinceSnapshotAsync"/>), so the cost follows what is recent; or from the whole ledger when there
/// is no usable snapshot. The ledger is the truth: a snapshot written in another layout, zone or AMC lookback, one whose
/// position the ledger does not hold with the event it names (written ahead of a commit that never landed), or one
/// dated after the day it would be folded to now, is ignored; a card that a later event cannot extend (an event recorded
/// since, dated before the snapshot's day) is rebuilt from its own lines.
/// </summary>
internal sealed class FacilityCardLoader(StockFacility facility, StockLedger ledger, ReportingCalendar calendar, Action<StockCardStep> cardProbe,
    ILogger logger)
{
    public Action<StockCardStep> CardProbe => cardProbe;

    /// <summary>The facility's ledger rules: its zone and Stock:IssueFromExpiredLots.</summary>
    public StockLedgerRules Rules { get; } = facility.Calculation.LedgerRules;

    public async Task<LoadedCards> LoadAsync(FacilityStockSnapshot snapshot, DateOnly foldDay)
    {
        if (Unusable(snapshot, foldDay) is { } why)
        {
            if (snapshot.Format != 0)
            {
                logger.LogWarning("The stock snapshot of {Facility} is not used ({Reason}); its cards are rebuilt from the ledger", facility.Id, why);
            }
            return await FromLedgerAsync(foldDay, snapshot.Format == 0 ? "ledger" : $"ledger ({why})");
        }
        var zone = facility.Calculation.TimeZone;
        // A card with no history holds every line; one with a history the lines after its day.
        var held = snapshot.Cards.Select(c => (c.Medicine, c.History is { } h ? LocalDays.EndOf(h.ThroughDay, zone) : DateTimeOffset.MinValue.AddDays(1)))
            .ToList();
        var rows = await ledger.SinceSnapshotAsync(facility.Id, snapshot.Position, held);
        if (snapshot.Position > 0 && !rows.Any(r => r.Part == 0 && r.Id == snapshot.LastEventId))
        {
            logger.LogWarning("The stock snapshot of {Facility} covers position {Position}, which the ledger does not hold as {Event}; " +
                "its cards are rebuilt from the ledger", facility.Id, snapshot.Position, snapshot.LastEventId);
            return await FromLedgerAsync(foldDay, "ledger (snapshot ahead of it)");
        }

        var periods = new ReportedPeriods(calendar);
        foreach (var p in snapshot.Periods)
        {
            periods.Restore(p.Period, p.FirstRecordedAt);
        }
        var tail = rows.Where(r => r.Part == 1).OrderBy(r => r.Position).ToList();
        var lines = rows.Where(r => r.Part != 0).GroupBy(r => r.Medicine, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.ToEvent()).ToList(), StringComparer.Ordinal);
        var cards = new Dictionary<string, StockCard>(StringComparer.Ordinal);
        var rebuild = new List<string>();
        var histories = snapshot.Cards.ToDictionary(c => c.Medicine, c => c.History, StringComparer.Ordinal);
        foreach (var medicine in histories.Keys.Union(lines.Keys, StringComparer.Ordinal))
        {
            var events = lines.GetValueOrDefault(medicine) ?? [];
            try
            {
                cards[medicine] = histories.GetValueOrDefault(medicine) is { } history
                    ? StockCard.FromHistory(medicine, history.ToHistory(zone.Id), events, cardProbe, Rules)
                    : StockCard.FromLedger(events, cardProbe, Rules);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // A late event recorded since the snapshot lands among folded lines, or the lines do not add up on it.
                logger.LogInformation("The snapshot card {Medicine} of {Facility} does not take the ledger's later lines ({Reason}); rebuilt from them",
                    medicine, facility.Id, e.Message);
                rebuild.Add(medicine);
            }
        }
        if (rebuild.Count > 0)
        {
            foreach (var (medicine, card) in await CardsFromLedgerAsync(rebuild))
            {
                card.FoldThrough(snapshot.ThroughDay, zone, facility.Calculation.AmcLookbackMonths);
                cards[medicine] = card;
            }
        }
        foreach (var row in tail)
        {
            periods.Note(row.ToEvent(), accepted: false);
        }
        var last = tail.Count > 0 ? (tail[^1].Position, tail[^1].Id) : (snapshot.Position, snapshot.LastEventId);
        var source = $"snapshot at {snapshot.Position} + {tail.Count} later event(s)" + (rebuild.Count > 0 ? $", {rebuild.Count} card(s) from the ledger" : "");
        return new LoadedCards(cards, periods, last.Item1, last.Item2, snapshot.ThroughDay, source);
    }

    /// <summary>A card's every line, read from the ledger: to decide a late event older than the lines held.</summary>
    public async Task<Dictionary<string, StockCard>> CardsFromLedgerAsync(IReadOnlyCollection<string> medicines)
    {
        var rows = await ledger.LoadAsync(facility.Id, medicines);
        var byMedicine = rows.GroupBy(r => r.Medicine, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.ToEvent()), StringComparer.Ordinal);
        return medicines.ToDictionary(m => m, m => StockCard.FromLedger(byMedicine.GetValueOrDefault(m) ?? [], cardProbe, Rules), StringComparer.Ordinal);
    }

    /// <summary>Every card from the whole ledger, streamed one card at a time and folded as it goes.</summary>
    private async Task<LoadedCards> FromLedgerAsync(DateOnly foldDay, string source)
    {
        var zone = facility.Calculation.TimeZone;
        var keep = facility.Calculation.AmcLookbackMonths;
        var cards = new Dictionary<string, StockCard>(StringComparer.Ordinal);
        var periods = new ReportedPeriods(calendar);
        var (position, lastId) = (0L, Guid.Empty);
        var medicine = "";
        var events = new List<StockEvent>();
        void Flush()
        {
            if (events.Count > 0)
            {
                var card = StockCard.FromLedger(events, cardProbe, Rules);
                card.FoldThrough(foldDay, zone, keep);
                cards[medicine] = card;
                events.Clear();
            }
        }
        await foreach (var row in ledger.StreamAsync(facility.Id))
        {
            if (!string.Equals(row.Medicine, medicine, StringComparison.Ordinal))
            {
                Flush();
                medicine = row.Medicine;
            }
            var e = row.ToEvent();
            events.Add(e);
            periods.Note(e, accepted: false);
            if (row.Position > position)
            {
                (position, lastId) = (row.Position, row.Id);
            }
        }
        Flush();
        return new LoadedCards(cards, periods, position, lastId, foldDay, source);
    }

    private string? Unusable(FacilityStockSnapshot s, DateOnly foldDay) =>
        s.Format != FacilityStockSnapshot.CurrentFormat ? $"format {s.Format}, not {FacilityStockSnapshot.CurrentFormat}"
        : !string.Equals(s.Zone, facility.Calculation.TimeZone.Id, StringComparison.Ordinal) ? $"days counted in {s.Zone}"
        : s.IssueFromExpiredLots != facility.Calculation.IssueFromExpiredLots ? $"lots taken with IssueFromExpiredLots={s.IssueFromExpiredLots}"
        : s.KeptMonths != facility.Calculation.AmcLookbackMonths ? $"{s.KeptMonths} months kept, AMC looks back {facility.Calculation.AmcLookbackMonths}"
        : s.ThroughDay > foldDay || s.Cards.Any(c => c.History?.ThroughDay > foldDay) ? $"folded through {s.ThroughDay}, after {foldDay}"
        : null;
}
