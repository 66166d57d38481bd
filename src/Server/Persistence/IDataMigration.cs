using Npgsql;

namespace MhSupply.Persistence;

/// <summary>
/// Work a SQL migration needs that SQL cannot do, because it needs what only the application has (a key from
/// configuration). The migrator runs it right after the migration it follows, in the same transaction and under the same
/// advisory lock, before any later migration: either both are applied or neither is, and a later migration can rely on it.
/// </summary>
public interface IDataMigration
{
    /// <summary>The version (file name without .sql) of the migration this completes.</summary>
    string After { get; }

    /// <summary>Does the work and says what it did, for the log.</summary>
    Task<string> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
