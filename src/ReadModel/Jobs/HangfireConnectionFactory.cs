using Hangfire.PostgreSql;
using Npgsql;

namespace MhSupply.Jobs;

/// <summary>Hangfire borrows connections from the same data source (and pool cap) as our own queries.</summary>
internal sealed class HangfireConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
