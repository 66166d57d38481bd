using Dapper;
using MhSupply.Alerts;
using MhSupply.Jobs;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// The read model, card alerts and due-index follow a stock commit by Stock:ProjectionDelay. The events are durable at
/// the answer; a reader never sees the lag; a silo dying in between, or a projection failing, loses nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StockProjectionTests(ClusterFixture fixture)
{
    private const string Medicine = "haloperidol-tab-5mg";

    /// <summary>Long enough that no projection timer fires during a test: what happens is only what the test makes happen.</summary>
    private static readonly Dictionary<string, string?> NoTimerSettings = new() { ["Stock:ProjectionDelay"] = "00:05:00" };

    [Theory]
    [InlineData("reader")]
    [InlineData("alert-scan")]
    public async Task A_silo_dying_between_the_commit_and_its_projection_is_recovered_by_the_next_reader_or_the_alert_scan(string recoverer)
    {
        var own = new ClusterFixture { Settings = NoTimerSettings };
        await own.InitializeAsync();
        try
        {
            var facility = $"projection-kill-{recoverer}";
            await RegisterFacilities(own.Database, [facility], district: "projection-d");
            var grain = own.Grains.GetGrain<IFacilityStockGrain>(facility);
            var at = own.TestClock.GetUtcNow().AddDays(-3);
            await grain.Submit(new StockSubmission("pharm.a", [Event("receipt", 100, at, lot: "L1", expiry: new DateOnly(2027, 6, 30))]));
            await grain.Submit(new StockSubmission("pharm.a", [Event("issue", 100, at.AddHours(2))]));

            // Acknowledged: in the ledger with the marker; the read model and the alerts have not followed yet.
            Assert.Equal(0, (await LedgerBalances(own.Database, facility))[(facility, Medicine)]);
            Assert.Equal((true, 0L, 0L), await ProjectionState(own.Database, facility));

            // The process dies before it projects: nothing runs on that silo any more (a kill in the test cluster still
            // lets deactivation hooks run, which a real crash would not).
            var hostAddress = await HostingSilo(own, facility);
            var host = own.Cluster.Silos.Single(s => s.SiloAddress.Equals(hostAddress));
            host.ServiceProvider.GetRequiredService<StockWriteProbe>().Hook = (_, step) =>
                step == StockWriteStep.BeforeProjection ? throw new IOException("the process is gone") : ValueTask.CompletedTask;
            await own.Cluster.KillSiloAsync(host);
            Assert.True((await ProjectionState(own.Database, facility)).Pending);

            var survivor = own.Cluster.Silos.Single();
            if (recoverer == "reader")
            {
                Assert.Equal(1, await survivor.ServiceProvider.GetRequiredService<StockProjectionCatchUp>().CatchUpAsync(["projection-d"], null));
            }
            else
            {
                var scan = survivor.ServiceProvider.GetServices<IRecurringJob>().Single(j => j.Name == AlertScanJob.JobName);
                await scan.RunAsync(CancellationToken.None);
            }

            // The new activation projected every card from the ledger: figures, the stock-out alert, the deadline.
            Assert.Equal((false, 1L, 1L), await ProjectionState(own.Database, facility));
            await using var connection = await own.Database.DataSource.OpenConnectionAsync();
            Assert.Equal((0, "stocked_out"), await connection.QuerySingleAsync<(int, string)>(
                "SELECT soh, status FROM mh.stock_card WHERE facility = @facility AND medicine = @Medicine", new { facility, Medicine }));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM mh.due_item WHERE kind = 'report_due' AND subject = @facility", new { facility }));
            // The lot left the shelf before any projection: the due-index never tracked it.
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM mh.due_item WHERE kind IN ('lot_expiring', 'lot_expired') AND facility = @facility", new { facility }));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reports_within_one_projection_interval_are_written_together_and_the_alerts_show_the_state_at_its_end()
    {
        var own = new ClusterFixture { Settings = NoTimerSettings };
        await own.InitializeAsync();
        try
        {
            const string facility = "projection-coalesce";
            await RegisterFacilities(own.Database, [facility], district: "projection-d");
            var grain = own.Grains.GetGrain<IFacilityStockGrain>(facility);
            var at = own.TestClock.GetUtcNow().AddDays(-3);
            await grain.Submit(new StockSubmission("pharm.a", [Event("receipt", 40, at, lot: "L1", expiry: new DateOnly(2027, 6, 30))]));
            await grain.Submit(new StockSubmission("pharm.a", [Event("issue", 40, at.AddHours(1))]));
            await grain.Submit(new StockSubmission("pharm.b", [Event("receipt", 25, at.AddHours(2), lot: "L2", expiry: new DateOnly(2027, 9, 30))]));
            Assert.Equal((true, 0L, 0L), await ProjectionState(own.Database, facility));

            await grain.Project();

            // One row with the latest figures; the momentary stock-out in between raised nothing; L2 is indexed, L1 not.
            Assert.Equal((false, 1L, 0L), await ProjectionState(own.Database, facility));
            await using var connection = await own.Database.DataSource.OpenConnectionAsync();
            Assert.Equal(25, await connection.ExecuteScalarAsync<int>(
                "SELECT soh FROM mh.stock_card WHERE facility = @facility AND medicine = @Medicine", new { facility, Medicine }));
            Assert.Equal(["L2", "L2"], (await connection.QueryAsync<string>(
                "SELECT lot FROM mh.due_item WHERE kind IN ('lot_expiring', 'lot_expired') AND facility = @facility", new { facility })).ToArray());
            // A second call with nothing new writes nothing.
            var before = await connection.ExecuteScalarAsync<DateTime>("SELECT updated_at FROM mh.stock_card WHERE facility = @facility", new { facility });
            await grain.Project();
            Assert.Equal(before, await connection.ExecuteScalarAsync<DateTime>("SELECT updated_at FROM mh.stock_card WHERE facility = @facility", new { facility }));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failed_projection_keeps_the_marker_and_the_old_rows_and_a_later_one_catches_up()
    {
        const string facility = "projection-fails";
        await RegisterFacilities(fixture.Database, [facility], district: "projection-d");
        var grain = fixture.Grains.GetGrain<IFacilityStockGrain>(facility);
        var at = fixture.TestClock.GetUtcNow().AddDays(-3);
        await grain.Submit(new StockSubmission("t", [Event("receipt", 60, at)]));
        await grain.Project();

        fixture.FailStockWrites(facility, s => s == StockWriteStep.BeforeProjection);
        var answer = await grain.Submit(new StockSubmission("t", [Event("issue", 15, at.AddHours(1))]));
        Assert.Equal(StockEventResult.Accepted, answer.Single().Outcome);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Project());

        // The event is in the ledger (it was acknowledged); the rows still show the last projection, flagged as behind.
        Assert.Equal(45, (await LedgerBalances(fixture.Database, facility))[(facility, Medicine)]);
        Assert.True((await ProjectionState(fixture.Database, facility)).Pending);
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(60, await connection.ExecuteScalarAsync<int>("SELECT soh FROM mh.stock_card WHERE facility = @facility", new { facility }));
        }

        fixture.FailStockWrites(facility, null);
        Assert.Equal(45, (await ReadModelBalances(fixture, facility))[(facility, Medicine)]);
        Assert.False((await ProjectionState(fixture.Database, facility)).Pending);
    }

    [Fact]
    public async Task Without_any_reader_the_projection_follows_a_commit_by_the_configured_delay()
    {
        const string facility = "projection-timer";
        await RegisterFacilities(fixture.Database, [facility], district: "projection-d");
        var at = fixture.TestClock.GetUtcNow().AddDays(-3);
        await fixture.Grains.GetGrain<IFacilityStockGrain>(facility).Submit(new StockSubmission("t", [Event("receipt", 33, at)]));

        // The default delay is 2 s; allow a loaded machine ten.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await ProjectionState(fixture.Database, facility)).Pending && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        Assert.Equal((false, 1L, 0L), await ProjectionState(fixture.Database, facility));
    }

    /// <summary>Whether the facility's marker is set, its read-model rows, and its open stock-out alerts.</summary>
    private static async Task<(bool Pending, long Rows, long StockOuts)> ProjectionState(TestDatabase database, string facility)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(bool, long, long)>("""
            SELECT EXISTS (SELECT 1 FROM mh.stock_projection_pending WHERE facility = @facility),
                   (SELECT count(*) FROM mh.stock_card WHERE facility = @facility),
                   (SELECT count(*) FROM mh.alert WHERE facility = @facility AND kind = 'stock_out' AND status = 'open')
            """, new { facility });
    }

    private static StockEventInput Event(string type, int quantity, DateTimeOffset at, string? lot = null, DateOnly? expiry = null) =>
        new(Guid.NewGuid(), Medicine, type, quantity, at, null, lot, expiry, null, null);
}
