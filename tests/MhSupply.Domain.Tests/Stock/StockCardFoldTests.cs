using CsCheck;
using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>
/// A card that folded its old lines into a history (what a facility keeps in memory and in its snapshot) must be
/// indistinguishable from the card holding every line for everything it still answers: figures as of its history's day
/// or later, and the decision on every event after that day.
/// </summary>
public sealed class StockCardFoldTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly StartDay = DateOnly.FromDateTime(Start.UtcDateTime);

    private static Gen<StockEvent> AnEvent(int fromHour, int toHour) =>
        from type in Gen.Frequency((4, StockEventType.Receipt), (7, StockEventType.Issue), (1, StockEventType.TransferOut),
            (2, StockEventType.Adjustment), (2, StockEventType.PhysicalCount))
        // Counts to zero often, so that stock-out days (the open month's and the folded months') are exercised.
        from quantity in type == StockEventType.PhysicalCount ? Gen.Frequency((1, Gen.Const(0)), (1, Gen.Int[1, 300])) : Gen.Int[1, 300]
        from hours in Gen.Int[fromHour, toHour]
        from lot in Gen.Frequency<string?>((3, null), (1, "A"), (1, "B"))
        from expiryDays in Gen.Int[-30, 800]
        from reason in Gen.OneOf(Given.ReasonCodes)
        select Given.Reasons.Sign(new StockEvent(Guid.NewGuid(), Given.Medicine, type, quantity, Start.AddHours(hours), Given.NextStamp(),
            type == StockEventType.Adjustment ? reason : null, lot,
            lot is not null && type is StockEventType.Receipt or StockEventType.PhysicalCount ? StartDay.AddDays(expiryDays) : null,
            type.IsTransfer() ? Given.OtherFacility : null));

    public static TheoryData<string> Zones => new() { "UTC", "Europe/Paris", "Asia/Kathmandu" };

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_folded_card_answers_and_decides_like_the_card_with_every_line(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var options = StockCalculationOptions.Default with { TimeZone = zone };
        // Up to 16 months of history, then the fold at a day within it, then events after that day only.
        var gen = from past in AnEvent(0, 24 * 480).Array[1, 120]
                  from foldAfter in Gen.Int[0, 480]
                  from later in AnEvent(0, 24 * 90).Array[0, 40]
                  select (past, foldAfter, later);
        gen.Sample(c =>
        {
            var full = Replay(c.past);
            var folded = Replay(c.past);
            var foldDay = StartDay.AddDays(c.foldAfter);
            folded.FoldThrough(foldDay, zone, options.AmcLookbackMonths);
            Assert.True(folded.TotalLines == full.TotalLines, "folding keeps the count of lines");

            // The snapshot round trip: history plus held lines rebuild the same card.
            var restored = folded.History is { } history
                ? StockCard.FromHistory(Given.Medicine, history, folded.HeldEvents)
                : StockCard.FromLedger(folded.HeldEvents);
            foreach (var card in new[] { folded, restored })
            {
                var heldFrom = LocalDays.EndOf(foldDay, zone);
                foreach (var e in c.later.Select(e => e with { OccurredAt = heldFrom + (e.OccurredAt - Start) }))
                {
                    Assert.Equal(Outcome(full.TryAdd(e)), Outcome(card.TryAdd(e)));
                }
                for (var day = foldDay; day <= foldDay.AddDays(100); day = day.AddDays(9))
                {
                    Assert.Equal(Figures(StockCalculator.Compute(full, day, StockPolicy.Phc, options)),
                        Figures(StockCalculator.Compute(card, day, StockPolicy.Phc, options)));
                }
                full = Replay(c.past);
            }
        }, iter: 150, threads: 1);
    }

    [Fact]
    public void Folding_day_by_day_keeps_what_one_fold_keeps_and_only_the_lines_after_the_day()
    {
        var zone = TimeZoneInfo.Utc;
        AnEvent(0, 24 * 200).Array[1, 150].Sample(events =>
        {
            var once = Replay(events);
            var daily = Replay(events);
            var last = StartDay.AddDays(190);
            for (var day = StartDay.AddDays(100); day <= last; day = day.AddDays(1))
            {
                daily.FoldThrough(day, zone, 12);
            }
            once.FoldThrough(last, zone, 12);
            Assert.Equal(once.History, daily.History, HistoryComparer.Instance);
            Assert.Equal(once.HeldEvents.Select(e => e.Id), daily.HeldEvents.Select(e => e.Id));
            Assert.All(daily.HeldEvents, e => Assert.True(e.OccurredAt >= LocalDays.EndOf(last, zone)));
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void Five_years_of_daily_dispensing_fold_into_a_history_of_twelve_months_and_no_line()
    {
        var card = new StockCard();
        for (var day = 0; day < 5 * 365; day++)
        {
            var at = Start.AddDays(day);
            if (day % 30 == 0)
            {
                Assert.True(card.TryAdd(new StockEvent(Guid.NewGuid(), Given.Medicine, StockEventType.Receipt, 300, at.AddHours(8), Given.NextStamp())).IsAccepted);
            }
            Assert.True(card.TryAdd(new StockEvent(Guid.NewGuid(), Given.Medicine, StockEventType.Issue, 9, at.AddHours(14), Given.NextStamp())).IsAccepted);
        }
        var today = StartDay.AddDays((5 * 365) - 1);
        var before = StockCalculator.Compute(card, today, StockPolicy.Phc);
        card.FoldThrough(today, TimeZoneInfo.Utc, 12);

        Assert.Equal(0, card.Count);
        Assert.Equal(12, card.History!.Months.Count);
        Assert.Equal(before.Amc, StockCalculator.Compute(card, today, StockPolicy.Phc).Amc);
        Assert.Equal(before.Soh, card.Soh);
        Assert.Throws<ArgumentException>(() => StockCalculator.Compute(card, today.AddDays(-1), StockPolicy.Phc));
        Assert.Throws<InvalidOperationException>(() => card.TryAdd(Given.Issue(1, "2029-01-01")));
    }

    private static StockCard Replay(IEnumerable<StockEvent> events)
    {
        var card = new StockCard();
        foreach (var e in events)
        {
            card.TryAdd(e);
        }
        return card;
    }

    private static string Outcome(StockAddResult r) => $"{r.Outcome}|{r.Rejection?.Message}";

    private static string Figures(StockFigures f) =>
        $"{f with { Lots = [], Expiring = [], ExpiredOnShelf = [], AmcBasis = [] }}|{string.Join(",", f.Lots)}|{string.Join(",", f.AmcBasis)}";

    private sealed class HistoryComparer : IEqualityComparer<CardHistory?>
    {
        public static readonly HistoryComparer Instance = new();

        public bool Equals(CardHistory? x, CardHistory? y) => Text(x) == Text(y);

        public int GetHashCode(CardHistory? h) => Text(h).GetHashCode(StringComparison.Ordinal);

        private static string Text(CardHistory? h) => h is null ? "" :
            $"{h with { Lots = [], Months = [] }}|{string.Join(",", h.Lots)}|{string.Join(",", h.Months)}";
    }
}
