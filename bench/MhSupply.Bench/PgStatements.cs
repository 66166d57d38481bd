using System.Globalization;
using Npgsql;

namespace MhSupply.Bench;

/// <summary>
/// Optional (--pg-statements; stock-ingest.sh then preloads the module): PostgreSQL's own account of the statements
/// run during the gateway's timed phase, heaviest first, to show which product SQL the database time goes to.
/// </summary>
public sealed class PgStatements(string connectionString)
{
    public async Task<bool> ResetAsync()
    {
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using (var create = dataSource.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
            {
                await create.ExecuteNonQueryAsync();
            }
            await using var reset = dataSource.CreateCommand("SELECT pg_stat_statements_reset()");
            await reset.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException e)
        {
            Console.WriteLine($"  (pg_stat_statements unavailable: {e.MessageText})");
            return false;
        }
    }

    public async Task PrintAsync(TimeSpan elapsed, int top = 12)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT calls, total_exec_time, mean_exec_time, rows, shared_blks_hit + shared_blks_read AS blocks,
                   left(regexp_replace(query, '\s+', ' ', 'g'), 150) AS query,
                   sum(total_exec_time) OVER () AS all_time
            FROM pg_stat_statements
            WHERE query NOT ILIKE '%pg_stat_statements%'
            ORDER BY total_exec_time DESC
            LIMIT @top
            """);
        command.Parameters.AddWithValue("top", top);
        await using var reader = await command.ExecuteReaderAsync();
        var first = true;
        while (await reader.ReadAsync())
        {
            if (first)
            {
                var all = reader.GetDouble(6);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  statements executed for {all / 1000:F1} s in {elapsed.TotalSeconds:F1} s ({all / 10 / elapsed.TotalSeconds:F0}% of a core-equivalent); heaviest:"));
                Console.WriteLine("      calls   total ms  mean ms      rows   blocks/call  query");
                first = false;
            }
            var calls = reader.GetInt64(0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {calls,9:N0} {reader.GetDouble(1),10:F0} {reader.GetDouble(2),8:F2} {reader.GetInt64(3),9:N0} {reader.GetInt64(4) / (double)Math.Max(1, calls),12:F0}  {reader.GetString(5)}"));
        }
    }
}
