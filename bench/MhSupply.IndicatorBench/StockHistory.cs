using MhSupply.Stock;

namespace MhSupply.IndicatorBench;

/// <summary>
/// A card's generated months of history: a receipt early in each month, issues most of it later (a tenth of the time all
/// of it, so the card is stocked out until the next receipt), now and then an expired lot written off. Deterministic per
/// seed, and never below zero, so every event is one the real card would accept.
/// </summary>
public static class StockHistory
{
    public static List<StockEvent> Card(Random random, string medicine, DateOnly firstMonth, int months, bool lateReporter)
    {
        var events = new List<StockEvent>(months * 2 + 2);
        var balance = 0;
        for (var m = 0; m < months; m++)
        {
            var month = firstMonth.AddMonths(m);
            var receipt = random.Next(40, 160);
            events.Add(Make(random, medicine, StockEventType.Receipt, receipt, month.AddDays(random.Next(0, 5)), lateReporter, null));
            balance += receipt;
            var issue = random.Next(100) < 10 ? balance : (int)(balance * (0.3 + random.NextDouble() * 0.6));
            if (issue > 0)
            {
                events.Add(Make(random, medicine, StockEventType.Issue, issue, month.AddDays(random.Next(9, 25)), lateReporter, null));
                balance -= issue;
            }
            if (balance > 0 && random.Next(100) < 5)
            {
                var expired = Math.Min(balance, random.Next(1, 10));
                events.Add(Make(random, medicine, StockEventType.Adjustment, expired, month.AddDays(25), lateReporter, "expired"));
                balance -= expired;
            }
        }
        return events;
    }

    private static StockEvent Make(Random random, string medicine, StockEventType type, int quantity, DateOnly day, bool late, string? reason)
    {
        var occurred = new DateTimeOffset(day.ToDateTime(new TimeOnly(random.Next(7, 18), random.Next(60))), TimeSpan.Zero);
        // Most reports are typed in within the hour; a late reporter's month comes in on the 15th of the next one.
        var recorded = late ? new DateTimeOffset(new DateOnly(day.Year, day.Month, 15).AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : occurred.AddMinutes(random.Next(1, 60));
        return new StockEvent(Guid.NewGuid(), medicine, type, quantity, occurred, recorded, reason);
    }
}
