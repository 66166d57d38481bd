using Dapper;
using Npgsql;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// Every row written to a table of schema mh, logged by triggers this test adds to its own database (in a schema of its
/// own, robustness). A log row belongs to its writer's transaction, so a write rolled back leaves none: a refused request
/// whose log did not grow changed no table; one whose log grew names the tables it wrote. Cheaper than hashing every
/// table around each of thousands of requests, and stricter (an update to the same values counts).
/// </summary>
internal sealed class WriteLog(NpgsqlDataSource dataSource)
{
    public static async Task<WriteLog> InstallAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'mh' AND table_type = 'BASE TABLE' ORDER BY 1")).ToList();
        Assert.NotEmpty(tables);
        await connection.ExecuteAsync("""
            CREATE SCHEMA IF NOT EXISTS robustness;
            CREATE TABLE IF NOT EXISTS robustness.write_log (id bigserial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL);
            CREATE OR REPLACE FUNCTION robustness.log_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO robustness.write_log (table_name, op) VALUES (TG_TABLE_NAME, TG_OP);
                RETURN NULL;
            END $$;
            """);
        foreach (var table in tables)
        {
            await connection.ExecuteAsync($"""
                DROP TRIGGER IF EXISTS robustness_rows ON mh."{table}";
                CREATE TRIGGER robustness_rows AFTER INSERT OR UPDATE OR DELETE ON mh."{table}" FOR EACH ROW EXECUTE FUNCTION robustness.log_write();
                DROP TRIGGER IF EXISTS robustness_truncate ON mh."{table}";
                CREATE TRIGGER robustness_truncate AFTER TRUNCATE ON mh."{table}" FOR EACH STATEMENT EXECUTE FUNCTION robustness.log_write();
                """);
        }
        return new WriteLog(dataSource);
    }

    /// <summary>The last committed write so far.</summary>
    public async Task<long> PositionAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM robustness.write_log");
    }

    /// <summary>What was written after <paramref name="position"/>, as "table (operation)".</summary>
    public async Task<IReadOnlyList<string>> WrittenSinceAsync(long position)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<string>(
            "SELECT DISTINCT 'mh.' || table_name || ' (' || lower(op) || ')' FROM robustness.write_log WHERE id > @position ORDER BY 1",
            new { position })).ToList();
    }
}
