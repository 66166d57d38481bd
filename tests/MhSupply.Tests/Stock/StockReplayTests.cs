using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>Phones sync late, out of order and twice: the cards must still come out exact.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StockReplayTests(ClusterFixture fixture)
{
    private static readonly string[] Medicines =
        ["fluoxetine-cap-20mg", "haloperidol-tab-5mg", "carbamazepine-tab-200mg", "amitriptyline-tab-25mg", "chlorpromazine-tab-100mg", "haloperidol-tab-2mg"];

    [Fact]
    public async Task Stream_of_2000_events_with_30_percent_duplicates_in_shuffled_batches_leaves_every_card_exact()
    {
        var random = new Random(20261122);
        var facilities = Enumerable.Range(1, 5).Select(i => $"replay-{i}").ToArray();
        await RegisterFacilities(fixture.Database, facilities);
        var start = fixture.TestClock.GetUtcNow().AddDays(-300);

        // 1,400 distinct events: per card an opening receipt covering every later debit. The openings are synced first
        // (the card's first report); after that no arrival order of the rest can break a balance.
        var unique = new List<(string Facility, StockEventInput Event)>();
        var perCard = 1400 / (facilities.Length * Medicines.Length);
        foreach (var facility in facilities)
        {
            foreach (var medicine in Medicines)
            {
                unique.Add((facility, new StockEventInput(Guid.NewGuid(), medicine, "receipt", 10_000, start, null, null, null, "wh-1", null)));
                for (var i = 1; i < perCard; i++)
                {
                    var at = start.AddHours(i * 6 + random.Next(5));
                    unique.Add((facility, (i % 7) switch
                    {
                        0 => new StockEventInput(Guid.NewGuid(), medicine, "receipt", random.Next(1, 200), at, null, "LOT-" + i, null, "wh-1", null),
                        1 => new StockEventInput(Guid.NewGuid(), medicine, "adjustment", random.Next(1, 10), at, "damaged", null, null, null, null),
                        2 => new StockEventInput(Guid.NewGuid(), medicine, "transfer_out", random.Next(1, 30), at, null, null, null, "phc-x", null),
                        3 => new StockEventInput(Guid.NewGuid(), medicine, "adjustment", random.Next(1, 10), at, "found", null, null, null, null),
                        _ => new StockEventInput(Guid.NewGuid(), medicine, "issue", random.Next(1, 40), at, null, null, null, null, "dispensed"),
                    }));
                }
            }
        }
        while (unique.Count < 1400)
        {
            var (facility, e) = unique[random.Next(unique.Count)];
            unique.Add((facility, e with { Id = Guid.NewGuid(), Type = "issue", Quantity = 1, Reason = null, Lot = null, OtherFacility = null }));
        }
        // 600 resubmissions of events of the stream: 30% of the 2,000 submissions.
        var resubmissions = Enumerable.Range(0, 600).Select(_ => unique[random.Next(unique.Count)]).ToList();
        var openings = unique.Where(u => u.Event.Quantity == 10_000).ToList();
        var batches = unique.Except(openings).Concat(resubmissions)
            .OrderBy(_ => random.Next())
            .GroupBy(x => x.Facility)
            .SelectMany(g => g.Chunk(50).Select(chunk => (Facility: g.Key, Events: chunk.Select(c => c.Event).ToArray())))
            .OrderBy(_ => random.Next())
            .ToList();

        var outcomes = new List<StockEventResult>();
        foreach (var group in openings.GroupBy(o => o.Facility))
        {
            outcomes.AddRange(await fixture.Grains.GetGrain<IFacilityStockGrain>(group.Key)
                .Submit(new StockSubmission("replay", group.Select(g => g.Event).ToArray())));
        }
        foreach (var (facility, events) in batches)
        {
            outcomes.AddRange(await fixture.Grains.GetGrain<IFacilityStockGrain>(facility).Submit(new StockSubmission("replay", events)));
        }

        Assert.Equal(2000, outcomes.Count);
        Assert.Equal(1400, outcomes.Count(o => o.Outcome == StockEventResult.Accepted));
        Assert.Equal(600, outcomes.Count(o => o.Outcome == StockEventResult.Duplicate));
        Assert.Equal(1400, await LedgerCount(fixture.Database, "replay-"));

        var expected = unique.GroupBy(u => (u.Facility, u.Event.Medicine)).ToDictionary(g => g.Key, g => g.Sum(u => Signed(u.Event)));
        Assert.Equal(expected.OrderBy(e => e.Key), (await LedgerBalances(fixture.Database, "replay-")).OrderBy(e => e.Key));
        Assert.Equal(expected.OrderBy(e => e.Key), (await ReadModelBalances(fixture, "replay-")).OrderBy(e => e.Key));
        foreach (var facility in facilities)
        {
            var view = await fixture.Grains.GetGrain<IFacilityStockGrain>(facility).GetStock(null);
            foreach (var medicine in Medicines)
            {
                Assert.Equal(expected[(facility, medicine)], view.Items.Single(i => i.Medicine == medicine).Soh);
            }
        }
    }

    [Fact]
    public async Task Parallel_batches_on_the_same_card_lose_nothing_and_count_nothing_twice()
    {
        const string facility = "parallel-1";
        const string medicine = "fluoxetine-cap-20mg";
        await RegisterFacilities(fixture.Database, [facility]);
        var grain = fixture.Grains.GetGrain<IFacilityStockGrain>(facility);
        var start = fixture.TestClock.GetUtcNow().AddDays(-60);
        await grain.Submit(new StockSubmission("t", [new StockEventInput(Guid.NewGuid(), medicine, "receipt", 100_000, start, null, null, null, null, null)]));

        // 16 clients, 10 batches of 20 issues each, every batch also sent twice at the same time.
        var batches = Enumerable.Range(0, 160).Select(b => Enumerable.Range(0, 20)
            .Select(i => new StockEventInput(Guid.NewGuid(), medicine, "issue", 3, start.AddMinutes(b * 20 + i + 1), null, null, null, null, null))
            .ToArray()).ToList();
        var sends = batches.SelectMany(b => new[] { b, b }).ToList();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            var mine = new List<StockEventResult>();
            for (var i = client; i < sends.Count; i += 16)
            {
                mine.AddRange(await grain.Submit(new StockSubmission("t", sends[i])));
            }
            return mine;
        })));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(3200, all.Count(r => r.Outcome == StockEventResult.Accepted));
        Assert.Equal(3200, all.Count(r => r.Outcome == StockEventResult.Duplicate));
        var expected = 100_000 - 3200 * 3;
        Assert.Equal(expected, (await LedgerBalances(fixture.Database, facility))[(facility, medicine)]);
        Assert.Equal(expected, (await grain.GetStock(null)).Items.Single(i => i.Medicine == medicine).Soh);
    }
}
