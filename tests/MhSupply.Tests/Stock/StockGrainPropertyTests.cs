using CsCheck;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// Random report streams against the real facility grain and ledger: new events late and out of order, resent events,
/// reused ids with other content, and now and then a failure injected at a random step. After every batch the grain
/// answers exactly what a fresh load of the ledger shows, and everything the ledger holds is known to it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StockGrainPropertyTests(ClusterFixture fixture)
{
    private static readonly string[] Medicines = ["fluoxetine-cap-20mg", "haloperidol-tab-5mg"];
    private static int _scenario;

    /// <summary>One line of a generated batch: a new event, or an earlier one resent as it was or with other content.</summary>
    private sealed record Op(int Kind, string Medicine, string Type, int Quantity, int HoursAgo, string? Lot, int ExpiryDays, string Reason, int Which);

    private static readonly Gen<Op> AnOp =
        from kind in Gen.Frequency((8, 0), (2, 1), (1, 2))
        from medicine in Gen.OneOf(Medicines)
        from type in Gen.Frequency((4, "receipt"), (6, "issue"), (1, "transfer_in"), (1, "transfer_out"), (2, "adjustment"), (1, "physical_count"))
        from quantity in Gen.Int[0, 300]
        from hoursAgo in Gen.Int[1, 24 * 120]
        from lot in Gen.Frequency<string?>((3, null), (1, "A"), (1, "B"))
        from expiryDays in Gen.Int[-20, 500]
        from reason in Gen.OneOf("expired", "damaged", "lost", "stolen", "found", "returned")
        from which in Gen.Int[0, 1000]
        select new Op(kind, medicine, type, quantity, hoursAgo, lot, expiryDays, reason, which);

    private static readonly StockWriteStep[] FailureSteps = [.. Enum.GetValues<StockWriteStep>().Where(s => s != StockWriteStep.BeforeProjection)];

    private static readonly Gen<(Op[] Ops, StockWriteStep? FailAt)> ABatch =
        from ops in AnOp.Array[1, 12]
        from fail in Gen.Frequency((3, Gen.Const(-1)), (1, Gen.Int[0, FailureSteps.Length - 1]))
        select (ops, fail < 0 ? (StockWriteStep?)null : FailureSteps[fail]);

    [Fact]
    public async Task After_every_random_batch_the_grain_equals_a_replay_of_the_ledger()
    {
        await ABatch.Array[1, 6].SampleAsync(Run, iter: 25, threads: 1);
    }

    private async Task Run((Op[] Ops, StockWriteStep? FailAt)[] batches)
    {
        var facility = $"prop-{Interlocked.Increment(ref _scenario)}";
        await RegisterFacilities(fixture.Database, [facility]);
        var grain = fixture.Grains.GetGrain<IFacilityStockGrain>(facility);
        var now = fixture.TestClock.GetUtcNow();
        var sent = new List<StockEventInput>();
        for (var b = 0; b < batches.Length; b++)
        {
            var (ops, failAt) = batches[b];
            var inputs = ops.Select(op => ToInput(op, now, sent)).ToArray();
            sent.AddRange(inputs);
            var failed = 0;
            fixture.FailStockWrites(facility, failAt is null ? null : s => s == failAt && Interlocked.CompareExchange(ref failed, 1, 0) == 0);
            try
            {
                var results = await grain.Submit(new StockSubmission("prop", inputs));
                Assert.Equal(inputs.Length, results.Length);
            }
            catch (Exception) when (failed > 0)
            {
                // The injected failure: the client saw an error, and memory must not show any of it.
            }
            finally
            {
                fixture.FailStockWrites(facility, null);
            }
            LedgerReplay.AssertSame(await LedgerReplay.FromLedger(fixture.Database, facility), await LedgerReplay.FromGrain(grain),
                $"{facility}, batch {b + 1} of {batches.Length} (failure at {failAt?.ToString() ?? "none"})");
        }
        var recorded = await LedgerReplay.Resubmission(fixture.Database, facility);
        if (recorded.Length > 0)
        {
            Assert.All(await grain.Submit(new StockSubmission("prop", recorded)), r => Assert.Equal(StockEventResult.Duplicate, r.Outcome));
        }
    }

    private static StockEventInput ToInput(Op op, DateTimeOffset now, List<StockEventInput> sent)
    {
        if (op.Kind > 0 && sent.Count > 0)
        {
            var earlier = sent[op.Which % sent.Count];
            return op.Kind == 1 ? earlier : earlier with { Quantity = earlier.Quantity + 1 };
        }
        var dated = op.Lot is not null && op.Type is "receipt" or "physical_count";
        return new StockEventInput(Guid.NewGuid(), op.Medicine, op.Type, op.Quantity, now.AddHours(-op.HoursAgo),
            op.Type == "adjustment" ? op.Reason : null, op.Lot, dated ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(op.ExpiryDays) : null,
            op.Type.StartsWith("transfer", StringComparison.Ordinal) ? "district-store" : null, null);
    }

}
