using Dapper;
using MhSupply.Persistence;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Foundation;

public sealed class MigrationTests
{
    [Fact]
    public async Task Running_the_migrations_a_second_time_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var first = await database.MigrateAsync();
        var schemaAfterFirst = await SchemaFingerprint(database);
        var recordedAfterFirst = await Recorded(database);

        var second = await database.MigrateAsync();

        Assert.Equal(DatabaseMigrator.All.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(schemaAfterFirst, await SchemaFingerprint(database));
        Assert.Equal(recordedAfterFirst, await Recorded(database));
    }

    [Fact]
    public async Task Migrations_create_the_Orleans_our_own_and_the_version_tables_in_separate_schemas()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('mh', 'orleans')")).ToHashSet();

        Assert.Contains("orleans.orleansmembershiptable", tables);
        Assert.Contains("orleans.orleansstorage", tables);
        Assert.Contains("orleans.orleansreminderstable", tables);
        Assert.Contains("mh.schema_migrations", tables);
        Assert.Contains("mh.facility", tables);
        Assert.Contains("mh.medicine", tables);
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_version_once()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => database.MigrateAsync()));

        Assert.Equal(DatabaseMigrator.All.Count, results.Sum(r => r.Count));
        Assert.Equal(DatabaseMigrator.All.Count, (await Recorded(database)).Count);
    }

    private static async Task<List<string>> Recorded(TestDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<string>("SELECT version || '@' || applied_at FROM mh.schema_migrations ORDER BY version")).AsList();
    }

    /// <summary>Every column, index and function of our schemas: what a migration could change.</summary>
    private static async Task<List<string>> SchemaFingerprint(TestDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var columns = await connection.QueryAsync<string>("""
            SELECT table_schema || '.' || table_name || '.' || column_name || ':' || data_type || ':' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema IN ('mh', 'orleans')
            """);
        var indexes = await connection.QueryAsync<string>(
            "SELECT schemaname || '.' || indexname || ':' || indexdef FROM pg_indexes WHERE schemaname IN ('mh', 'orleans')");
        var functions = await connection.QueryAsync<string>(
            "SELECT n.nspname || '.' || p.proname || ':' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('mh', 'orleans')");
        var queries = await connection.QueryAsync<string>("SELECT querykey || ':' || md5(querytext) FROM orleans.orleansquery");
        return columns.Concat(indexes).Concat(functions).Concat(queries).Order(StringComparer.Ordinal).ToList();
    }
}
