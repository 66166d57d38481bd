using Npgsql;

namespace MhSupply.Bench;

/// <summary>
/// Keeps PostgreSQL's checkpoints out of the timed phases. A run writes about a gigabyte of WAL, so with the default
/// max_wal_size a checkpoint started in the middle of one phase or the other (seen in server.log), and the phase it fell
/// in ran slower (the baseline moved between 61,000 and 96,000 events/s). The throwaway server gets room for the whole
/// run's WAL, and each phase starts right after an explicit CHECKPOINT, so both phases meet the same conditions.
/// </summary>
public static class Checkpoints
{
    public static async Task ConfigureAsync(string postgres)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        await using (var set = dataSource.CreateCommand("ALTER SYSTEM SET max_wal_size = '16GB'"))
        {
            await set.ExecuteNonQueryAsync();
        }
        await using (var timeout = dataSource.CreateCommand("ALTER SYSTEM SET checkpoint_timeout = '1h'"))
        {
            await timeout.ExecuteNonQueryAsync();
        }
        await using var reload = dataSource.CreateCommand("SELECT pg_reload_conf()");
        await reload.ExecuteNonQueryAsync();
    }

    public static async Task BeforePhaseAsync(string postgres)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        await using var checkpoint = dataSource.CreateCommand("CHECKPOINT");
        await checkpoint.ExecuteNonQueryAsync();
    }
}
