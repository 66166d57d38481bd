using Npgsql;

namespace MhSupply.Bench;

/// <summary>After the run, by SQL: the ledger holds exactly what was accepted, and sampled cards' SOH is the generated one.</summary>
public static class Checks
{
    public static async Task<bool> RunAsync(BenchOptions options, Workload workload, IReadOnlyList<string> facilities, int accepted, bool allAccepted)
    {
        await using var dataSource = NpgsqlDataSource.Create(options.Postgres);
        var ok = true;

        await using (var count = dataSource.CreateCommand("SELECT count(*) FROM mh.stock_event WHERE facility = ANY(@facilities)"))
        {
            count.Parameters.AddWithValue("facilities", facilities.ToArray());
            var rows = (long)(await count.ExecuteScalarAsync())!;
            var same = rows == accepted;
            ok &= same;
            Console.WriteLine($"  mh.stock_event rows of the bench facilities: {rows:N0}; accepted answers: {accepted:N0} -> {(same ? "OK" : "MISMATCH")}");
        }
        await using (var total = dataSource.CreateCommand("SELECT count(*) FROM mh.stock_event"))
        {
            Console.WriteLine($"  mh.stock_event rows in all: {(long)(await total.ExecuteScalarAsync())!:N0}");
        }

        if (!allAccepted)
        {
            Console.WriteLine("  SOH samples skipped: some events were not accepted, so the generated balances do not apply");
            return false;
        }
        // The read model follows a commit by Stock:ProjectionDelay (2 s): without any reader asking, every facility's
        // projection must have caught up on its own shortly after the last batch.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        long pending;
        do
        {
            await using var markers = dataSource.CreateCommand("SELECT count(*) FROM mh.stock_projection_pending");
            pending = (long)(await markers.ExecuteScalarAsync())!;
            if (pending > 0)
            {
                await Task.Delay(50);
            }
        }
        while (pending > 0 && waited.Elapsed < TimeSpan.FromSeconds(30));
        ok &= pending == 0;
        Console.WriteLine(pending == 0
            ? $"  read model caught up with the ledger {waited.Elapsed.TotalMilliseconds:F0} ms after the checks began -> OK"
            : $"  {pending} facilities still have unprojected reports after 30 s -> MISMATCH");

        var random = new Random(options.Seed);
        var cards = workload.Cards;
        var samples = cards.OrderBy(_ => random.Next()).Take(options.SampleCards).ToList();
        var matched = 0;
        foreach (var card in samples)
        {
            await using var soh = dataSource.CreateCommand("SELECT soh FROM mh.stock_card WHERE facility = @facility AND medicine = @medicine");
            soh.Parameters.AddWithValue("facility", card.Facility);
            soh.Parameters.AddWithValue("medicine", card.Medicine);
            var stored = await soh.ExecuteScalarAsync() as int?;
            if (stored == card.FinalBalance)
            {
                matched++;
            }
            else
            {
                ok = false;
                Console.WriteLine($"  SOH MISMATCH {card.Facility}/{card.Medicine}: stock_card {stored?.ToString() ?? "missing"}, generated {card.FinalBalance}");
            }
        }
        Console.WriteLine($"  SOH in mh.stock_card equals the generated stream's balance for {matched} of {samples.Count} sampled cards"
            + (matched == samples.Count ? " -> OK" : " -> MISMATCH"));
        return ok;
    }
}
