using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// A 2xx means durable, and the grain never disagrees with the ledger: a process failing between any two steps of a
/// write, or a silo dying, leaves memory, ledger and read model in agreement, and the retry counts nothing twice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StockCrashTests(ClusterFixture fixture)
{
    private const string Medicine = "haloperidol-tab-5mg";

    [Theory]
    [InlineData(StockWriteStep.BeforeCommit)]
    [InlineData(StockWriteStep.AfterCommit)]
    public async Task Failure_between_steps_leaves_grain_ledger_and_read_model_agreeing_and_the_retry_counts_once(StockWriteStep step)
    {
        var facility = $"crash-{step}".ToLowerInvariant();
        await RegisterFacilities(fixture.Database, [facility]);
        var grain = fixture.Grains.GetGrain<IFacilityStockGrain>(facility);
        var at = fixture.TestClock.GetUtcNow().AddDays(-10);
        await grain.Submit(new StockSubmission("t", [Event("receipt", 500, at)]));
        var batch = new[] { Event("issue", 120, at.AddHours(1)), Event("issue", 80, at.AddHours(2)) };

        fixture.FailStockWrites(facility, s => s == step);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Submit(new StockSubmission("t", batch)));
        fixture.FailStockWrites(facility, null);

        // Whatever the failure left, the grain now answers what the ledger holds.
        var ledgerAfterFailure = (await LedgerBalances(fixture.Database, facility))[(facility, Medicine)];
        Assert.Equal(step == StockWriteStep.AfterCommit ? 300 : 500, ledgerAfterFailure);
        Assert.Equal(ledgerAfterFailure, Soh(await grain.GetStock(null)));

        // The phone retries the same batch: applied exactly once in total.
        var retry = await grain.Submit(new StockSubmission("t", batch));
        var expectedOutcome = step == StockWriteStep.AfterCommit ? StockEventResult.Duplicate : StockEventResult.Accepted;
        Assert.All(retry, r => Assert.Equal(expectedOutcome, r.Outcome));
        Assert.Equal(300, (await LedgerBalances(fixture.Database, facility))[(facility, Medicine)]);
        Assert.Equal(300, (await ReadModelBalances(fixture, facility))[(facility, Medicine)]);
        Assert.Equal(300, Soh(await grain.GetStock(null)));
    }

    [Fact]
    public async Task Silo_killed_after_an_acknowledged_batch_loses_nothing_and_the_survivor_rebuilds_the_cards_from_the_ledger()
    {
        var own = new ClusterFixture();
        await own.InitializeAsync();
        try
        {
            const string facility = "crash-kill";
            await RegisterFacilities(own.Database, [facility]);
            var grain = own.Grains.GetGrain<IFacilityStockGrain>(facility);
            var at = own.TestClock.GetUtcNow().AddDays(-5);
            var first = new[] { Event("receipt", 1000, at), Event("issue", 250, at.AddHours(1)) };
            Assert.All(await grain.Submit(new StockSubmission("t", first)), r => Assert.Equal(StockEventResult.Accepted, r.Outcome));

            // Kill (not stop) the silo that holds the activation: no deactivation, no flush, as in a crash.
            var host = await HostingSilo(own, facility);
            await own.Cluster.KillSiloAsync(own.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

            var second = new[] { Event("issue", 100, at.AddHours(2)) };
            var resent = await grain.Submit(new StockSubmission("t", first));
            var next = await grain.Submit(new StockSubmission("t", second));

            Assert.All(resent, r => Assert.Equal(StockEventResult.Duplicate, r.Outcome));
            Assert.Equal(StockEventResult.Accepted, next.Single().Outcome);
            Assert.NotEqual(host, await HostingSilo(own, facility));
            Assert.Equal(650, Soh(await grain.GetStock(null)));
            Assert.Equal(650, (await LedgerBalances(own.Database, facility))[(facility, Medicine)]);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    private static int Soh(FacilityStockView view) => view.Items.Single(i => i.Medicine == Medicine).Soh;

    private static StockEventInput Event(string type, int quantity, DateTimeOffset at) =>
        new(Guid.NewGuid(), Medicine, type, quantity, at, null, null, null, null, null);
}
