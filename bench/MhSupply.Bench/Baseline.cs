using System.Runtime.CompilerServices;
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Bench;

/// <summary>
/// The plain insert ceiling: the same events, the same batches and the same number of concurrent writers, inserted
/// straight into a table shaped like mh.stock_event (same columns, primary key and card index), one transaction per
/// batch, with the same multi-row INSERT ... SELECT FROM unnest(...) the ledger uses. No HTTP, no grain, no card
/// arithmetic, no read model, no alerts: what the database alone allows on this machine.
/// </summary>
public static class Baseline
{
    public sealed record Result(int Events, TimeSpan Elapsed, Latencies CommitLatencies, CpuProbe.Sample? CpuBefore, CpuProbe.Sample? CpuAfter);

    public static async Task<Result> RunAsync(BenchOptions options, Workload workload, CpuProbe? probe)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Postgres)
        {
            MaxPoolSize = workload.Clients.Count + 2,
            ApplicationName = "mhsupply-bench-baseline",
        };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var setup = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS public.bench_baseline;
            CREATE TABLE public.bench_baseline (
                event_id        uuid PRIMARY KEY,
                facility        text NOT NULL,
                medicine        text NOT NULL,
                type            text NOT NULL,
                quantity        integer NOT NULL,
                occurred_at     timestamptz NOT NULL,
                recorded_at     timestamptz NOT NULL,
                reason          text,
                lot             text,
                expiry          date,
                other_facility  text,
                note            text,
                recorded_by     text NOT NULL,
                position        bigint NOT NULL,
                credit          boolean
            );
            CREATE INDEX bench_baseline_card ON public.bench_baseline (facility, medicine, occurred_at, recorded_at, event_id);
            CREATE UNIQUE INDEX bench_baseline_position ON public.bench_baseline (facility, position);
            CREATE INDEX bench_baseline_debit_adjustment ON public.bench_baseline (occurred_at, facility) INCLUDE (medicine, quantity, reason)
                WHERE type = 'adjustment' AND NOT credit;
            """))
        {
            await setup.ExecuteNonQueryAsync();
        }

        var ready = 0;
        var start = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        CpuProbe.Sample? cpuBefore = null;
        var perWriter = await Task.WhenAll(workload.Clients.Select(plan => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            foreach (var batch in plan.Warmup)
            {
                await InsertAsync(connection, batch);
            }
            if (Interlocked.Increment(ref ready) == workload.Clients.Count)
            {
                cpuBefore = probe?.Take();
                start.SetResult(Stopwatch.GetTimestamp());
            }
            await start.Task;
            var timings = new List<double>(plan.Timed.Count);
            foreach (var batch in plan.Timed)
            {
                var t = Stopwatch.GetTimestamp();
                await InsertAsync(connection, batch);
                timings.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            return timings;
        })));
        var elapsed = Stopwatch.GetElapsedTime(await start.Task);
        var cpuAfter = probe?.Take();
        return new Result(workload.TimedEvents, elapsed, new Latencies(perWriter.SelectMany(t => t)), cpuBefore, cpuAfter);
    }

    /// <summary>Each facility's next ledger position, as its grain numbers its events (in memory, no query).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StrongBox<long>> Positions = new(StringComparer.Ordinal);

    private static async Task InsertAsync(NpgsqlConnection connection, Batch batch)
    {
        var events = batch.Events;
        var first = Interlocked.Add(ref Positions.GetOrAdd(batch.Facility, _ => new StrongBox<long>()).Value, events.Length) - events.Length + 1;
        var recordedAt = DateTime.UtcNow;
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""
            INSERT INTO public.bench_baseline (event_id, facility, medicine, type, quantity, occurred_at, recorded_at, reason, lot, expiry,
                                               other_facility, note, recorded_by, position, credit)
            SELECT e.id, @facility, e.medicine, e.type, e.quantity, e.occurred_at, e.recorded_at, e.reason, e.lot, e.expiry,
                   e.other_facility, e.note, @recorded_by, @first + e.n - 1, e.credit
            FROM unnest(@ids, @medicines, @types, @quantities, @occurred, @recorded, @reasons, @lots, @expiries, @others, @notes, @credits)
                 WITH ORDINALITY AS e(id, medicine, type, quantity, occurred_at, recorded_at, reason, lot, expiry, other_facility, note, credit, n)
            """, connection, transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("facility", batch.Facility);
            p.AddWithValue("recorded_by", "bench-baseline");
            p.AddWithValue("first", first);
            p.AddWithValue("ids", events.Select(e => e.Id).ToArray());
            p.AddWithValue("medicines", events.Select(e => e.Medicine).ToArray());
            p.AddWithValue("types", events.Select(e => e.Type).ToArray());
            p.AddWithValue("quantities", events.Select(e => e.Quantity).ToArray());
            p.AddWithValue("occurred", events.Select(e => e.OccurredAt.UtcDateTime).ToArray());
            p.AddWithValue("recorded", events.Select((_, i) => recordedAt.AddTicks(i * 10L)).ToArray());
            p.Add(Nullable("reasons", NpgsqlDbType.Text, events.Select(e => (object?)e.Reason)));
            p.Add(Nullable("lots", NpgsqlDbType.Text, events.Select(e => (object?)e.Lot)));
            p.Add(Nullable("expiries", NpgsqlDbType.Date, events.Select(e => e.Expiry is { } d ? (object)d : null)));
            p.Add(Nullable("others", NpgsqlDbType.Text, events.Select(_ => (object?)null)));
            p.Add(Nullable("notes", NpgsqlDbType.Text, events.Select(_ => (object?)null)));
            // The sign an adjustment is stored with (migration 0183); the workload's reasons are the seeded ones.
            p.Add(Nullable("credits", NpgsqlDbType.Boolean, events.Select(e => e.Type == "adjustment" ? (object)(e.Reason is "found" or "returned") : null)));
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, IEnumerable<object?> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.Select(v => v ?? DBNull.Value).ToArray() };
}
