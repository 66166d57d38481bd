using MhSupply.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MhSupply.Tests.Infrastructure;

/// <summary>
/// A fresh database on the test PostgreSQL that ./test.sh provisions (MHSUPPLY_TEST_PG), migrated, and dropped at the end.
/// Each fixture gets its own, so test collections run in parallel without seeing each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
        DapperTypeHandlers.Register();
        DataSource = NpgsqlDataSource.Create(ConnectionStrings.ForApplication(new DatabaseOptions { ConnectionString = connectionString }));
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>For assertions straight against the tables.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("MHSUPPLY_TEST_PG")
        ?? throw new InvalidOperationException("MHSUPPLY_TEST_PG is not set: run the tests through ./test.sh, which provisions PostgreSQL.");

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var admin = AdminConnectionString;
        var name = "mh_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var database = new TestDatabase(admin, name, builder.ConnectionString);
        if (migrate)
        {
            await database.MigrateAsync();
        }
        return database;
    }

    public Task<IReadOnlyList<string>> MigrateAsync() =>
        new DatabaseMigrator(DataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
