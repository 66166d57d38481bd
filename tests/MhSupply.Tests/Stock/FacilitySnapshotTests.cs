using System.Text.Json;
using Dapper;
using MhSupply.Stock;
using MhSupply.Tests.Foundation;
using MhSupply.Hosting;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// A facility's activation reads its snapshot (grain storage, on each provider) and only the ledger's recent lines and
/// later events, and holds the last days' lines only; the ledger stays the truth: a snapshot ahead of it, an event
/// committed after it, a late event dated before it, and an old id sent again are all decided as the ledger says.
/// </summary>
public abstract class FacilitySnapshotTests(GrainStorageClusterFixture fixture)
{
    private const string Fluoxetine = "fluoxetine-cap-20mg";
    private const string Amitriptyline = "amitriptyline-tab-25mg";

    private ClusterFixture Cluster => fixture.Cluster;

    private DateTimeOffset Now => Cluster.TestClock.GetUtcNow();

    [Fact]
    public async Task A_facility_with_a_year_of_history_activates_from_its_snapshot_and_holds_only_the_last_days()
    {
        var (facility, grain) = await FacilityWithHistory(days: 400);
        var before = Json(await grain.GetStock(null));

        await Cluster.Cluster.DeactivateAsync(grain);
        var memory = await grain.Describe();

        Assert.StartsWith($"snapshot at {memory.Position} + 0 later", memory.Source);
        Assert.Equal(await LedgerCount(Cluster.Database, facility), memory.TotalLines);
        Assert.InRange(memory.HeldLines, 1, 2 * 5);
        Assert.Equal(before, Json(await grain.GetStock(null)));
        Assert.Equal(await LedgerSoh(facility), await GrainSoh(grain));
        Assert.True(await fixture.HoldsStateOf(facility), $"the snapshot is in {fixture.Provider} storage");
    }

    [Fact]
    public async Task Events_committed_after_the_snapshot_and_late_events_dated_before_it_are_taken_from_the_ledger()
    {
        var (facility, grain) = await FacilityWithHistory(days: 200);
        await Cluster.Cluster.DeactivateAsync(grain);
        var position = await LedgerPosition(facility);
        // Another silo committed after the snapshot: a receipt dated 100 days back, among the folded lines.
        await InsertLedgerRow(facility, position + 1, Fluoxetine, "receipt", 50, Now.AddDays(-100));

        var memory = await grain.Describe();
        Assert.Equal($"snapshot at {position} + 1 later event(s), 1 card(s) from the ledger", memory.Source);
        Assert.Equal(await LedgerSoh(facility), await GrainSoh(grain));

        // A late report dated 150 days back: decided on the card's whole ledger, as a card with every line would.
        var tooMuch = Input(Fluoxetine, "issue", 100_000, Now.AddDays(-150));
        var receipt = Input(Amitriptyline, "receipt", 10, Now.AddDays(-150));
        var results = await grain.Submit(new StockSubmission("pharmacist", [tooMuch, receipt]));
        Assert.Equal([StockEventResult.Rejected, StockEventResult.Accepted], results.Select(r => r.Outcome));
        await grain.Project();
        Assert.Equal(await LedgerSoh(facility), await GrainSoh(grain));
        // The cards read whole stay whole while the activation lasts (a backfill sends one old report after another)...
        Assert.True((await grain.Describe()).HeldLines > 100);

        // ...and fold again when it goes.
        await Cluster.Cluster.DeactivateAsync(grain);
        Assert.Equal(await LedgerSoh(facility), await GrainSoh(grain));
        var after = await grain.Describe();
        Assert.StartsWith($"snapshot at {position + 2} + 0 later", after.Source);
        Assert.InRange(after.HeldLines, 1, 2 * 5);
    }

    [Fact]
    public async Task A_snapshot_ahead_of_the_ledger_is_not_used_and_the_facility_carries_on_from_the_ledger()
    {
        var (facility, grain) = await FacilityWithHistory(days: 120);
        await Cluster.Cluster.DeactivateAsync(grain);
        // The snapshot covers an event whose commit never landed (its silo died before it): the ledger lacks it.
        var position = await LedgerPosition(facility);
        await using (var connection = await Cluster.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM mh.stock_event WHERE facility = @facility AND position = @position", new { facility, position });
        }

        var memory = await grain.Describe();
        Assert.Equal("ledger (snapshot ahead of it)", memory.Source);
        Assert.Equal(position - 1, memory.Position);
        Assert.Equal(await LedgerSoh(facility), await GrainSoh(grain));

        var next = await grain.Submit(new StockSubmission("pharmacist", [Input(Fluoxetine, "receipt", 7, Now.AddHours(-1))]));
        Assert.Equal(StockEventResult.Accepted, Assert.Single(next).Outcome);
        Assert.Equal(position, await LedgerPosition(facility));
        Assert.Equal(await LedgerSoh(facility), await GrainSoh(grain));
    }

    [Fact]
    public async Task An_id_recorded_months_ago_sent_again_is_a_duplicate_and_with_other_content_a_conflict()
    {
        var first = Input(Fluoxetine, "receipt", 40, Now.AddDays(-90));
        var (facility, grain) = await FacilityWithHistory(days: 100, extra: first);
        await Cluster.Cluster.DeactivateAsync(grain);
        var count = await LedgerCount(Cluster.Database, facility);

        var again = await grain.Submit(new StockSubmission("pharmacist", [first]));
        var changed = await grain.Submit(new StockSubmission("pharmacist", [first with { Quantity = 41, OccurredAt = Now.AddHours(-2) }]));

        Assert.Equal(StockEventResult.Duplicate, Assert.Single(again).Outcome);
        Assert.Equal((StockEventResult.Rejected, StockEventError.Conflict), (Assert.Single(changed).Outcome, changed[0].Error?.Code));
        Assert.Equal(count, await LedgerCount(Cluster.Database, facility));
        Assert.Equal(await LedgerSoh(facility), await GrainSoh(grain));
    }

    [Fact]
    public async Task When_days_pass_the_nightly_refresh_folds_the_cards_further_and_the_figures_stay_the_ledgers()
    {
        var (facility, grain) = await FacilityWithHistory(days: 70);
        var before = await grain.Describe();

        // Three days on, with a report each day: the refresh folds the days now older than Stock:LateDays.
        for (var day = 1; day <= 3; day++)
        {
            Cluster.TestClock.Advance(TimeSpan.FromDays(1));
            var report = await grain.Submit(new StockSubmission("pharmacist", [Input(Fluoxetine, "issue", 9, Now.AddHours(-1))]));
            Assert.Equal(StockEventResult.Accepted, Assert.Single(report).Outcome);
            await grain.RefreshFigures();
        }
        var after = await grain.Describe();

        Assert.Equal(before.ThroughDay.AddDays(3), after.ThroughDay);
        Assert.Equal(after.Position, after.SnapshotPosition);
        Assert.Equal(await LedgerSoh(facility), await GrainSoh(grain));
        var figures = Json(await grain.GetStock(null));
        await Cluster.Cluster.DeactivateAsync(grain);
        Assert.Equal(figures, Json(await grain.GetStock(null)));
        Assert.Equal(after.ThroughDay, (await grain.Describe()).ThroughDay);
    }

    [Fact]
    public async Task A_snapshot_of_the_older_format_is_ignored_and_its_cards_rebuilt_from_the_ledger_with_fefo_over_unexpired_lots()
    {
        var facility = $"snap-{Guid.NewGuid():N}"[..16];
        await RegisterFacilities(Cluster.Database, [facility]);
        var grain = Cluster.Grains.GetGrain<IFacilityStockGrain>(facility);
        var expired = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-100);
        var results = await grain.Submit(new StockSubmission("pharmacist", [
            Input(Fluoxetine, "receipt", 30, Now.AddDays(-60)) with { Lot = "OLD", Expiry = expired },
            Input(Fluoxetine, "receipt", 20, Now.AddDays(-60)),
            Input(Fluoxetine, "issue", 10, Now.AddDays(-50))]));
        Assert.All(results, r => Assert.Equal(StockEventResult.Accepted, r.Outcome));
        await grain.Project();
        await Cluster.Cluster.DeactivateAsync(grain);

        // What a format-1 snapshot held: its fold took the issue from the expired lot, the earliest (OLD 20, 20 without a lot).
        var storage = Cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        var stored = new GrainState<FacilityStockSnapshot>();
        await storage.ReadStateAsync("stock", grain.GetGrainId(), stored);
        Assert.Equal(FacilityStockSnapshot.CurrentFormat, stored.State!.Format);
        var history = stored.State.Cards.Single(c => c.Medicine == Fluoxetine).History!;
        Assert.Equal([("OLD", 30)], history.Lots.Select(l => (l.Lot, l.Soh)));
        stored.State.Format = 1;
        history.Lots = [new LotSnapshot { Lot = "OLD", Expiry = expired, Soh = 20 }];
        await storage.WriteStateAsync("stock", grain.GetGrainId(), stored);

        var memory = await grain.Describe();

        Assert.Equal($"ledger (format 1, not {FacilityStockSnapshot.CurrentFormat})", memory.Source);
        var item = (await grain.GetStock(null)).Items.Single(i => i.Medicine == Fluoxetine);
        Assert.Equal(40, item.Soh);
        Assert.Equal([("OLD", 30)], item.Lots.Select(l => (l.Lot, l.Soh)));
        await Cluster.Cluster.DeactivateAsync(grain);
        var rewritten = new GrainState<FacilityStockSnapshot>();
        await storage.ReadStateAsync("stock", grain.GetGrainId(), rewritten);
        Assert.Equal(FacilityStockSnapshot.CurrentFormat, rewritten.State!.Format);
        Assert.StartsWith("snapshot at", (await grain.Describe()).Source);
    }

    /// <summary>Daily dispensing of two medicines for <paramref name="days"/> days up to today, a receipt a month, projected.</summary>
    private async Task<(string Facility, IFacilityStockGrain Grain)> FacilityWithHistory(int days, StockEventInput? extra = null)
    {
        var facility = $"snap-{Guid.NewGuid():N}"[..16];
        await RegisterFacilities(Cluster.Database, [facility]);
        var grain = Cluster.Grains.GetGrain<IFacilityStockGrain>(facility);
        var today = Now.Date;
        var events = new List<StockEventInput>();
        for (var day = days; day >= 0; day--)
        {
            var at = new DateTimeOffset(today.AddDays(-day), TimeSpan.Zero);
            foreach (var medicine in new[] { Fluoxetine, Amitriptyline })
            {
                if (day % 30 == 0 || day == days)
                {
                    events.Add(Input(medicine, "receipt", 300, at.AddHours(7)));
                }
                events.Add(Input(medicine, "issue", 9, at.AddHours(8)));
            }
        }
        if (extra is not null)
        {
            events.Add(extra);
        }
        foreach (var chunk in events.Chunk(200))
        {
            var results = await grain.Submit(new StockSubmission("pharmacist", chunk));
            Assert.All(results, r => Assert.Equal(StockEventResult.Accepted, r.Outcome));
        }
        await grain.Project();
        return (facility, grain);
    }

    private static StockEventInput Input(string medicine, string type, int quantity, DateTimeOffset at) =>
        new(Guid.NewGuid(), medicine, type, quantity, at, null, null, null, null, null);

    private static string Json(FacilityStockView view) => JsonSerializer.Serialize(view);

    private static async Task<Dictionary<string, int>> GrainSoh(IFacilityStockGrain grain) =>
        (await grain.GetStock(null)).Items.Where(i => i.LastEventAt is not null).ToDictionary(i => i.Medicine, i => i.Soh);

    /// <summary>Stock on hand by replaying the ledger with the domain's own card: what a grain holding every line would say.</summary>
    private async Task<Dictionary<string, int>> LedgerSoh(string facility)
    {
        var rows = await new StockLedger(Cluster.Database.DataSource).LoadAsync(facility, medicines: null);
        return rows.GroupBy(r => r.Medicine).ToDictionary(g => g.Key, g => StockCard.FromLedger(g.Select(r => r.ToEvent())).Soh);
    }

    private async Task<long> LedgerPosition(string facility)
    {
        await using var connection = await Cluster.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(position), 0) FROM mh.stock_event WHERE facility = @facility", new { facility });
    }

    private async Task InsertLedgerRow(string facility, long position, string medicine, string type, int quantity, DateTimeOffset at)
    {
        await using var connection = await Cluster.Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO mh.stock_event (event_id, facility, medicine, type, quantity, occurred_at, recorded_at, recorded_by, position)
            VALUES (@id, @facility, @medicine, @type, @quantity, @at, @recorded, 'other-silo', @position)
            """, new { id = Guid.NewGuid(), facility, medicine, type, quantity, at = at.UtcDateTime, recorded = Now.UtcDateTime, position });
    }
}

[Collection(AdoNetStorageCollection.Name)]
public sealed class AdoNetFacilitySnapshotTests(AdoNetStorageClusterFixture fixture) : FacilitySnapshotTests(fixture);

[Collection(AzureBlobStorageCollection.Name)]
public sealed class AzureBlobFacilitySnapshotTests(AzureBlobStorageClusterFixture fixture) : FacilitySnapshotTests(fixture);
