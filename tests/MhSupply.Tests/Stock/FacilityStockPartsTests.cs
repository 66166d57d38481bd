using Dapper;
using MhSupply.Alerts;
using MhSupply.Reference;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// The facility grain's parts composed as the grain composes them, against PostgreSQL but without a silo: a commit leaves
/// the marker and a timer request, and the projection the timer runs writes the row and clears the marker.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FacilityStockPartsTests(ClusterFixture fixture)
{
    private const string Medicine = "fluoxetine-cap-20mg";

    [Fact]
    public async Task A_commit_waits_for_the_projection_timer_whose_projection_writes_the_card_and_clears_the_marker()
    {
        const string facility = "parts-1";
        await RegisterFacilities(fixture.Database, [facility]);
        var parts = await Parts.ComposeAsync(fixture.Database, facility);
        var now = parts.Clock.GetUtcNow();

        var batch = await parts.Intake.AdmitAsync([Event("receipt", 120, now.AddHours(-2)), Event("issue", 20, now.AddHours(-1))], now,
            askLedgerForIds: false);
        await parts.Committer.CommitAsync(batch, "t", now);

        Assert.All(batch.Results(), r => Assert.Equal(StockEventResult.Accepted, r.Outcome));
        Assert.Equal([new StockOptions().ProjectionDelay], parts.Timers);
        Assert.True(await Pending(facility));
        Assert.Null(await ReadModelSoh(facility));

        await parts.Projection.OnTimerAsync();

        Assert.False(await Pending(facility));
        Assert.Equal(100, await ReadModelSoh(facility));
        Assert.False(parts.Projection.Due);
    }

    [Fact]
    public async Task A_resubmitted_batch_is_answered_duplicate_from_memory_and_commits_nothing()
    {
        const string facility = "parts-2";
        await RegisterFacilities(fixture.Database, [facility]);
        var parts = await Parts.ComposeAsync(fixture.Database, facility);
        var now = parts.Clock.GetUtcNow();
        StockEventInput[] events = [Event("receipt", 50, now.AddHours(-1))];
        await parts.Committer.CommitAsync(await parts.Intake.AdmitAsync(events, now, askLedgerForIds: false), "t", now);

        var again = await parts.Intake.AdmitAsync(events, now, askLedgerForIds: false);
        await parts.Committer.CommitAsync(again, "t", now);

        Assert.Equal(StockEventResult.Duplicate, Assert.Single(again.Results()).Outcome);
        Assert.Equal(1, await LedgerCount(fixture.Database, facility));
    }

    private async Task<bool> Pending(string facility)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM mh.stock_projection_pending WHERE facility = @facility)",
            new { facility });
    }

    private async Task<int?> ReadModelSoh(string facility)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int?>("SELECT soh FROM mh.stock_card WHERE facility = @facility AND medicine = @medicine",
            new { facility, medicine = Medicine });
    }

    private static StockEventInput Event(string type, int quantity, DateTimeOffset at) =>
        new(Guid.NewGuid(), Medicine, type, quantity, at, null, null, null, null, null);

    /// <summary>What FacilityStockGrain.OnActivateAsync builds, with a timer that only records what it was asked for.</summary>
    private sealed record Parts(StockIntake Intake, StockCommitter Committer, FacilityProjection Projection, List<TimeSpan> Timers,
        FakeTimeProvider Clock)
    {
        public static async Task<Parts> ComposeAsync(TestDatabase database, string facilityId)
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
            var stock = new StockOptions();
            var facilities = new FacilityDirectory(database.DataSource, Options.Create(stock), clock);
            var ledger = new StockLedger(database.DataSource);
            var probe = new StockWriteProbe();
            var reporting = new ReportingSchedule(Options.Create(new AlertOptions()), Options.Create(stock));
            var record = (await facilities.FindAsync(facilityId))!;
            var facility = new StockFacility(facilityId, record, stock.PolicyFor(record.Level), stock.CalculationOptions(), stock.LateDays);
            var medicines = new FacilityMedicines(new MedicineCatalog(database.DataSource));
            await medicines.ReloadAsync();
            var reasons = new FacilityReasons(new AdjustmentReasonCatalog(database.DataSource));
            await reasons.ReloadAsync();
            var loader = new FacilityCardLoader(facility, ledger, reporting.Calendar, probe.ForCards(facilityId), NullLogger.Instance);
            var snapshot = new KeptState<FacilityStockSnapshot>();
            var snapshots = new StockSnapshots(snapshot, facilityId, NullLogger.Instance);
            var cards = new FacilityCards(facility, loader, snapshots.ReadAsync, reporting.Calendar, clock);
            var marker = new ProjectionMarker();
            var timers = new List<TimeSpan>();
            var projection = new FacilityProjection(facility, cards, marker, ledger, new ReportingProjection(facility, cards, facilities, reporting),
                new AlertOptions().EscalateAfter, clock, probe, new ProjectionSchedule(stock.ProjectionDelay, timers.Add),
                snapshots, NullLogger.Instance);
            return new Parts(new StockIntake(facility, medicines, reasons, cards, ledger, new MhSupply.Validation.InputBoundsOptions().Earliest, probe),
                new StockCommitter(facility, cards, marker, ledger, projection, probe, NullLogger.Instance), projection, timers, clock);
        }
    }

    /// <summary>Grain state held by the test itself, as a silo's memory storage would: what the parts write is what they read.</summary>
    private sealed class KeptState<T> : IPersistentState<T>
        where T : new()
    {
        private T? _stored;

        public T State { get; set; } = new();

        public string? Etag { get; private set; }

        public bool RecordExists => Etag is not null;

        public Task ClearStateAsync()
        {
            (State, Etag) = (new T(), null);
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            (_stored, Etag) = (State, Guid.NewGuid().ToString());
            return Task.CompletedTask;
        }

        public Task ReadStateAsync()
        {
            State = _stored ?? new T();
            return Task.CompletedTask;
        }
    }
}
