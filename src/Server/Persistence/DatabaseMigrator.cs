using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MhSupply.Persistence;

/// <summary>
/// Applies the numbered SQL files embedded from Persistence/Migrations, once each, in order.
/// Applied versions are recorded in <c>mh.schema_migrations</c>; a transaction-scoped advisory lock lets
/// several silos start at once without racing. A second run finds every version recorded and changes nothing.
/// A migration SQL cannot complete alone is followed by its <see cref="IDataMigration"/>, in the same transaction.
/// </summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger,
    IEnumerable<IDataMigration>? dataMigrations = null)
{
    private const string ResourcePrefix = "MhSupply.Migrations.";

    // Any constant shared by every process that migrates this database.
    internal const long AdvisoryLockKey = 0x4D68537570706C79; // "MhSupply"

    public static IReadOnlyList<Migration> All { get; } = LoadEmbedded();

    /// <summary>Applies what is missing; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        // A step that follows a renamed or missing migration would silently never run.
        if ((dataMigrations ?? []).FirstOrDefault(d => All.All(m => m.Version != d.After)) is { } orphan)
        {
            throw new InvalidOperationException($"{orphan.GetType().Name} follows migration {orphan.After}, which does not exist.");
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        await Execute(connection, transaction, """
            CREATE SCHEMA IF NOT EXISTS mh;
            CREATE TABLE IF NOT EXISTS mh.schema_migrations (
                version text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT version FROM mh.schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var appliedNow = new List<string>();
        foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
        {
            logger.LogInformation("Applying migration {Version}", migration.Version);
            await using var apply = new NpgsqlCommand(migration.Sql, connection, transaction);
            await apply.ExecuteNonQueryAsync(cancellationToken);
            // Each file may move the search path (the Orleans files do); put it back for the next one.
            await Execute(connection, transaction, "SET LOCAL search_path TO mh, public", cancellationToken);
            foreach (var step in (dataMigrations ?? []).Where(d => d.After == migration.Version))
            {
                var summary = await step.ApplyAsync(connection, transaction, cancellationToken);
                logger.LogInformation("Migration {Version}: {Summary}", migration.Version, summary);
            }
            await Execute(connection, transaction, "INSERT INTO mh.schema_migrations(version) VALUES (@version)", cancellationToken,
                ("version", migration.Version));
            appliedNow.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        if (appliedNow.Count == 0)
        {
            logger.LogInformation("Database schema is up to date ({Count} migrations)", All.Count);
        }
        return appliedNow;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => new Migration(Path.GetFileNameWithoutExtension(n[ResourcePrefix.Length..]), Read(assembly, n)))
            .OrderBy(m => m.Version, StringComparer.Ordinal)
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed record Migration(string Version, string Sql);
