using MhSupply.Alerts;
using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Alerts;

public sealed class StockAlertRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static StockEvent E(StockEventType type, int quantity, DateTimeOffset at, string? lot = null, DateOnly? expiry = null, string? reason = null) =>
        new(Guid.NewGuid(), "fluoxetine-cap-20mg", type, quantity, at, at, reason, lot, expiry);

    private static IReadOnlyList<AlertCondition> Conditions(StockCard card, DateOnly asOf) =>
        StockAlertRules.ConditionsFor(new Named("phc-1", "Camp A clinic"), new Named("fluoxetine-cap-20mg", "Fluoxetine 20 mg capsule"), StockCalculator.Compute(card, asOf, StockPolicy.Phc));

    [Fact]
    public void Card_at_zero_calls_for_a_stock_out_alert_on_the_card()
    {
        var card = StockCard.FromLedger([E(StockEventType.Receipt, 10, Start), E(StockEventType.Issue, 10, Start.AddDays(1))]);

        var condition = Assert.Single(Conditions(card, new DateOnly(2026, 6, 5)));

        Assert.Equal(AlertKinds.StockOut, condition.Kind);
        Assert.Equal("phc-1/fluoxetine-cap-20mg", condition.Subject);
    }

    [Fact]
    public void Card_that_never_had_a_line_is_not_stocked_out()
    {
        Assert.Empty(Conditions(StockCard.FromLedger([]), new DateOnly(2026, 6, 5)));
    }

    [Fact]
    public void Stock_below_the_emergency_order_point_calls_for_below_eop_and_not_stock_out()
    {
        // 30 issued in each of June, July, August: AMC 30. On 2 September SOH 10 → MOS 0.33 < EOP 0.5 (PHC).
        var events = new List<StockEvent> { E(StockEventType.Receipt, 100, Start) };
        for (var month = 0; month < 3; month++)
        {
            events.Add(E(StockEventType.Issue, 30, Start.AddMonths(month).AddDays(10)));
        }
        var card = StockCard.FromLedger(events);

        var condition = Assert.Single(Conditions(card, new DateOnly(2026, 9, 2)));

        Assert.Equal(AlertKinds.BelowEop, condition.Kind);
    }

    [Fact]
    public void Restocked_card_calls_for_no_alert()
    {
        var card = StockCard.FromLedger([E(StockEventType.Receipt, 10, Start), E(StockEventType.Issue, 10, Start.AddDays(1)),
            E(StockEventType.Receipt, 50, Start.AddDays(2))]);

        Assert.Empty(Conditions(card, new DateOnly(2026, 6, 5)));
    }

    [Fact]
    public void Lot_expiring_within_90_days_and_one_expired_on_the_shelf_each_call_for_their_own_lot_alert()
    {
        var card = StockCard.FromLedger([
            E(StockEventType.Receipt, 20, Start, "A1", new DateOnly(2026, 8, 1)),
            E(StockEventType.Receipt, 20, Start, "B2", new DateOnly(2026, 6, 3)),
            E(StockEventType.Receipt, 20, Start, "C3", new DateOnly(2027, 6, 3)),
        ]);

        var conditions = Conditions(card, new DateOnly(2026, 6, 5));

        Assert.Contains(conditions, c => c.Kind == AlertKinds.Expiring && c.Subject == "phc-1/fluoxetine-cap-20mg/A1");
        Assert.Contains(conditions, c => c.Kind == AlertKinds.ExpiredOnShelf && c.Subject == "phc-1/fluoxetine-cap-20mg/B2");
        Assert.DoesNotContain(conditions, c => c.Lot == "C3");
        Assert.DoesNotContain(conditions, c => c.Kind == AlertKinds.Expiring && c.Lot == "B2");
    }
}
