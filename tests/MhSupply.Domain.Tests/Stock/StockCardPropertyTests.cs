using CsCheck;
using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>
/// Random streams of events, late and out of order, against the card: whatever is accepted or refused, the card always
/// equals a replay of the events it accepted (what the ledger would hold), no balance is ever negative, and a refused
/// event leaves the card exactly as it was.
/// </summary>
public sealed class StockCardPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<StockEvent> AnEvent =
        from type in Gen.Frequency((4, StockEventType.Receipt), (6, StockEventType.Issue), (1, StockEventType.TransferIn),
            (1, StockEventType.TransferOut), (2, StockEventType.Adjustment), (1, StockEventType.PhysicalCount))
        from quantity in Gen.Int[0, 400]
        from hours in Gen.Int[0, 24 * 150]
        from lot in Gen.Frequency<string?>((3, null), (1, "A"), (1, "B"))
        from expiryDays in Gen.Int[-30, 400]
        from reason in Gen.OneOf(Given.ReasonCodes)
        select Given.Reasons.Sign(new StockEvent(Guid.NewGuid(), Given.Medicine, type, quantity, Start.AddHours(hours), Given.NextStamp(),
            type == StockEventType.Adjustment ? reason : null, lot,
            lot is not null && type is StockEventType.Receipt or StockEventType.PhysicalCount ? DateOnly.FromDateTime(Start.UtcDateTime).AddDays(expiryDays) : null,
            type.IsTransfer() ? Given.OtherFacility : null));

    [Fact]
    public void The_card_always_equals_a_replay_of_what_it_accepted()
    {
        AnEvent.Array[1, 60].Sample(events =>
        {
            var card = new StockCard();
            var accepted = new List<StockEvent>();
            foreach (var e in events)
            {
                var before = Snapshot(card);
                var outcome = card.TryAdd(e);
                if (outcome.IsAccepted)
                {
                    accepted.Add(e);
                }
                else
                {
                    Assert.Equal(before, Snapshot(card));
                }
                Assert.All(card.Lines(), l => Assert.True(l.Balance >= 0, $"balance {l.Balance} after {l.EventId}"));
            }
            Assert.Equal(Snapshot(StockCard.FromLedger(accepted)), Snapshot(card));
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Reading_figures_between_events_never_changes_what_the_card_holds()
    {
        // Figures cache complete months; a late event must forget them (the cache is bookkeeping, never the truth).
        var options = StockCalculationOptions.Default;
        AnEvent.Array[1, 40].Sample(events =>
        {
            var card = new StockCard();
            var accepted = new List<StockEvent>();
            foreach (var e in events)
            {
                StockCalculator.Compute(card, DateOnly.FromDateTime(Start.UtcDateTime).AddDays(160), StockPolicy.Phc, options);
                if (card.TryAdd(e).IsAccepted)
                {
                    accepted.Add(e);
                }
            }
            var day = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(160);
            Assert.Equal(Figures(StockCalculator.Compute(StockCard.FromLedger(accepted), day, StockPolicy.Phc, options)),
                Figures(StockCalculator.Compute(card, day, StockPolicy.Phc, options)));
        }, iter: 200, threads: 1);
    }

    private static string Figures(StockFigures f) =>
        $"{f with { Lots = [], Expiring = [], ExpiredOnShelf = [], AmcBasis = [] }}|{string.Join(",", f.Lots)}|{string.Join(",", f.AmcBasis)}";

    private static string Snapshot(StockCard card) =>
        $"{card.Soh}|{string.Join(",", card.Lots.Select(l => $"{l.Lot}:{l.Expiry}:{l.Soh}"))}|"
        + string.Join(",", card.Lines().Select(l => $"{l.EventId:N}={l.Balance}/{l.Variance}"));
}
