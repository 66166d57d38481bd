using System.Globalization;
using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>
/// Builds events and cards for tests. A date without a time means noon UTC; every event is stamped recordedAt later
/// than the one built before it, so "recorded" order is the order the test wrote them in.
/// </summary>
internal static class Given
{
    public const string Medicine = "olanzapine-5mg-tab";
    public const string OtherFacility = "wh-district";

    /// <summary>
    /// The catalogue the tests sign adjustments by: the six seeded reasons, and one an admin added (OpenLMIS's cold chain
    /// failure, a debit).
    /// </summary>
    public static readonly AdjustmentReasons Reasons = new([
        new("expired", "Expired", false, AdjustmentCategory.Expiry, true),
        new("damaged", "Damaged", false, AdjustmentCategory.Damage, true),
        new("lost", "Lost", false, AdjustmentCategory.Loss, true),
        new("stolen", "Stolen", false, AdjustmentCategory.Theft, true),
        new("found", "Found", true, AdjustmentCategory.Found, true),
        new("returned", "Returned", true, AdjustmentCategory.Return, true),
        new("cold-chain-failure", "Cold chain failure", false, AdjustmentCategory.Damage, true),
    ]);

    /// <summary>The codes of <see cref="Reasons"/>, for generators.</summary>
    public static readonly string[] ReasonCodes = [.. Reasons.All.Select(r => r.Code)];

    private static readonly DateTimeOffset RecordedBase = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static long _stamp;

    public static DateTimeOffset At(string when) =>
        DateTimeOffset.Parse(when.Length == 10 ? when + "T12:00:00Z" : when, CultureInfo.InvariantCulture);

    public static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    public static StockEvent Receipt(int quantity, string at, string? lot = null, string? expiry = null) =>
        Make(StockEventType.Receipt, quantity, at, lot: lot, expiry: expiry);

    public static StockEvent Issue(int quantity, string at, string? lot = null) => Make(StockEventType.Issue, quantity, at, lot: lot);

    public static StockEvent TransferIn(int quantity, string at) => Make(StockEventType.TransferIn, quantity, at, otherFacility: OtherFacility);

    public static StockEvent TransferOut(int quantity, string at) => Make(StockEventType.TransferOut, quantity, at, otherFacility: OtherFacility);

    public static StockEvent Adjustment(string reason, int quantity, string at, string? lot = null) =>
        Make(StockEventType.Adjustment, quantity, at, reason: reason, lot: lot);

    public static StockEvent Count(int quantity, string at, string? lot = null, string? expiry = null) =>
        Make(StockEventType.PhysicalCount, quantity, at, lot: lot, expiry: expiry);

    public static StockEvent Make(
        StockEventType type, int quantity, string at, string? reason = null, string? lot = null, string? expiry = null, string? otherFacility = null) =>
        Reasons.Sign(new(Guid.NewGuid(), Medicine, type, quantity, At(at), NextStamp(), reason, lot, expiry is null ? null : Day(expiry), otherFacility));

    public static DateTimeOffset NextStamp() => RecordedBase.AddSeconds(Interlocked.Increment(ref _stamp));

    /// <summary>A card holding these events, each of which must be accepted.</summary>
    public static StockCard Card(params StockEvent[] events)
    {
        var card = new StockCard();
        foreach (var e in events)
        {
            var result = card.TryAdd(e);
            Assert.True(result.IsAccepted, $"setup event {e.Type} {e.Quantity} at {e.OccurredAt:O} was {result.Outcome}: {result.Rejection?.Message}");
        }
        return card;
    }

    /// <summary>The line a rejection names and what it would break, without the details its message is built from.</summary>
    public static StockRejection Where(this StockRejection r) => new(r.EventId, r.OccurredAt, r.Kind, r.Balance, r.Lot);

    public static int[] Balances(this StockCard card) => [.. card.Lines().Select(l => l.Balance)];

    public static (string Lot, int Soh)[] LotQuantities(this IEnumerable<LotBalance> lots) => [.. lots.Select(l => (l.Lot, l.Soh))];
}
