using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// The facility grain never holds what the ledger does not: an exception at any step between reading an event and
/// answering leaves the grain's stock on hand, lots, lines and known ids equal to a fresh load from the ledger, and the
/// client's retry counts the batch once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StockFailureInjectionTests(ClusterFixture fixture)
{
    private const string Medicine = "fluoxetine-cap-20mg";

    /// <summary>The steps at which the commit has happened when the failure strikes: the retry finds the events recorded.</summary>
    private static readonly StockWriteStep[] Committed = [StockWriteStep.AfterCommit, StockWriteStep.ProjectionScheduling];

    public static TheoryData<StockWriteStep> Steps() => new(Enum.GetValues<StockWriteStep>().Where(s => s != StockWriteStep.BeforeProjection));

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_failure_at_any_step_of_a_batch_leaves_the_grain_equal_to_the_ledger_and_the_retry_counts_once(StockWriteStep step)
    {
        var facility = $"inject-{step}".ToLowerInvariant();
        await RegisterFacilities(fixture.Database, [facility]);
        var grain = fixture.Grains.GetGrain<IFacilityStockGrain>(facility);
        var now = fixture.TestClock.GetUtcNow();
        // Three months of history, read once so the card caches its complete months (the original fault was there).
        var history = new[]
        {
            Event("receipt", 600, now.AddDays(-95), lot: "L1", expiry: new DateOnly(2027, 6, 30)),
            Event("issue", 100, now.AddDays(-70)),
            Event("issue", 120, now.AddDays(-40)),
            Event("issue", 90, now.AddDays(-10)),
        };
        Assert.All(await grain.Submit(new StockSubmission("t", history)), r => Assert.Equal(StockEventResult.Accepted, r.Outcome));
        await grain.GetStock(null);

        // A backdated issue into a cached month, a receipt of a new lot, and a count today.
        var batch = new[]
        {
            Event("issue", 50, now.AddDays(-60)),
            Event("receipt", 200, now.AddDays(-2), lot: "L2", expiry: new DateOnly(2027, 12, 31)),
            Event("physical_count", 430, now.AddHours(-1)),
        };
        var failures = 0;
        fixture.FailStockWrites(facility, s => s == step && Interlocked.CompareExchange(ref failures, 1, 0) == 0);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Submit(new StockSubmission("t", batch)));
        }
        finally
        {
            fixture.FailStockWrites(facility, null);
        }
        Assert.Equal(1, failures);

        LedgerReplay.AssertSame(await LedgerReplay.FromLedger(fixture.Database, facility), await LedgerReplay.FromGrain(grain), $"after a failure at {step}");
        var committed = Committed.Contains(step);
        Assert.Equal(committed ? 7 : 4, await LedgerCount(fixture.Database, facility));

        // Every event the ledger holds is known to the grain: resent, each is a duplicate.
        var resent = await grain.Submit(new StockSubmission("t", await LedgerReplay.Resubmission(fixture.Database, facility)));
        Assert.All(resent, r => Assert.Equal(StockEventResult.Duplicate, r.Outcome));

        // The phone retries the failed batch: applied exactly once in total.
        var retry = await grain.Submit(new StockSubmission("t", batch));
        Assert.All(retry, r => Assert.Equal(committed ? StockEventResult.Duplicate : StockEventResult.Accepted, r.Outcome));
        Assert.Equal(7, await LedgerCount(fixture.Database, facility));
        var after = await LedgerReplay.FromLedger(fixture.Database, facility);
        Assert.Equal(430, after[Medicine].Soh);
        LedgerReplay.AssertSame(after, await LedgerReplay.FromGrain(grain), $"after the retry of a failure at {step}");
        Assert.Equal(430, (await ReadModelBalances(fixture, facility))[(facility, Medicine)]);
    }

    [Fact]
    public async Task An_event_dated_in_year_one_is_refused_and_leaves_the_card_as_the_ledger_has_it()
    {
        const string facility = "inject-year-one";
        await RegisterFacilities(fixture.Database, [facility]);
        var grain = fixture.Grains.GetGrain<IFacilityStockGrain>(facility);
        var now = fixture.TestClock.GetUtcNow();
        await grain.Submit(new StockSubmission("t", [Event("receipt", 10, now.AddDays(-40))]));
        await grain.GetStock(null);

        var answer = await grain.Submit(new StockSubmission("t", [Event("receipt", 1000, new DateTimeOffset(1, 1, 1, 12, 0, 0, TimeSpan.Zero))]));
        var issue = await grain.Submit(new StockSubmission("t", [Event("issue", 900, now.AddHours(-1))]));

        var rejected = Assert.Single(answer);
        Assert.Equal(StockEventResult.Rejected, rejected.Outcome);
        Assert.Equal("occurredAt", rejected.Error!.Field);
        Assert.Contains("before 1 Jan 2000", rejected.Error.Message, StringComparison.Ordinal);
        Assert.Equal("2000-01-01", rejected.Error.Params!["earliest"]);
        Assert.Equal(StockEventResult.Rejected, Assert.Single(issue).Outcome);
        Assert.Equal(10, (await LedgerReplay.FromLedger(fixture.Database, facility))[Medicine].Soh);
        LedgerReplay.AssertSame(await LedgerReplay.FromLedger(fixture.Database, facility), await LedgerReplay.FromGrain(grain), "after a year-one event");
    }

    private static StockEventInput Event(string type, int quantity, DateTimeOffset at, string? lot = null, DateOnly? expiry = null) =>
        new(Guid.NewGuid(), Medicine, type, quantity, at, null, lot, expiry, null, null);
}
