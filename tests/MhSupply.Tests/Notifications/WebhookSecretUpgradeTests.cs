using Dapper;
using MhSupply.Notifications;
using MhSupply.Persistence;
using MhSupply.Privacy;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MhSupply.Tests.Notifications;

/// <summary>Migration 0140 and what follows it: clear webhook secrets of an older database are sealed, none are lost.</summary>
public sealed class WebhookSecretUpgradeTests
{
    private const string Secret = "a-clear-secret-from-before-0140";
    private static readonly string OldKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string NewKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task A_clear_secret_from_before_the_migration_is_sealed_by_the_upgrade_and_the_clear_column_emptied()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await MigrateBefore(database, "0140");
        var webhook = Guid.NewGuid();
        var email = Guid.NewGuid();
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO mh.subscription (id, channel, target, secret, active, created_at, created_by) VALUES
                    (@webhook, 'webhook', 'https://partner.test/hook', @Secret, true, now(), 'admin'),
                    (@email, 'email', 'head@camp.test', NULL, true, now(), 'admin')
                """, new { webhook, email, Secret });
        }
        var protector = new SecretProtector([NewKey]);

        var applied = await Migrator(database, protector).MigrateAsync();

        Assert.Equal(DatabaseMigrator.All.Select(m => m.Version).Where(v => string.CompareOrdinal(v, "0140") >= 0), applied);
        await using var check = await database.DataSource.OpenConnectionAsync();
        var rows = (await check.QueryAsync<(Guid Id, string? Clear, byte[]? Sealed, string Text)>(
            "SELECT id, secret, secret_sealed, s::text FROM mh.subscription s")).ToDictionary(r => r.Id);
        Assert.Null(rows[webhook].Clear);
        Assert.Equal(Secret, protector.Open(rows[webhook].Sealed!, webhook));
        Assert.DoesNotContain(Secret, rows[webhook].Text);
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(Secret)), rows[webhook].Text);
        Assert.Null(rows[email].Sealed);
    }

    [Fact]
    public async Task After_the_migration_a_clear_secret_cannot_be_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await database.DataSource.OpenConnectionAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("""
            INSERT INTO mh.subscription (id, channel, target, secret, active, created_at, created_by)
            VALUES (gen_random_uuid(), 'webhook', 'https://partner.test/hook', 'in clear', true, now(), 'admin')
            """));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task Resealing_moves_secrets_of_an_old_key_to_the_current_one_leaves_those_of_an_unknown_key_and_is_idempotent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var underOld = Guid.NewGuid();
        var underUnknown = Guid.NewGuid();
        var unknownKey = Convert.ToBase64String(Enumerable.Range(200, 32).Select(i => (byte)i).ToArray());
        await Insert(database, underOld, new SecretProtector([OldKey]).Seal(Secret, underOld));
        var unknownSealed = new SecretProtector([unknownKey]).Seal(Secret, underUnknown);
        await Insert(database, underUnknown, unknownSealed);
        var rotated = new SecretProtector([NewKey, OldKey]);
        var sealing = new WebhookSecretSealing(database.DataSource, rotated, NullLogger<WebhookSecretSealing>.Instance);

        var first = await sealing.RunAsync(CancellationToken.None);
        var afterFirst = await Sealed(database);
        var second = await sealing.RunAsync(CancellationToken.None);

        Assert.Equal($"0 clear webhook secrets sealed, 1 re-sealed with key {rotated.CurrentKeyId}, 1 that no configured key opens left as they are", first);
        Assert.Equal(rotated.CurrentKeyId, SecretProtector.KeyIdOf(afterFirst[underOld]));
        Assert.Equal(Secret, new SecretProtector([NewKey]).Open(afterFirst[underOld], underOld));
        Assert.Equal(unknownSealed, afterFirst[underUnknown]);
        Assert.StartsWith("0 clear webhook secrets sealed, 0 re-sealed", second);
        Assert.Equal(afterFirst[underOld], (await Sealed(database))[underOld]);
    }

    private static DatabaseMigrator Migrator(TestDatabase database, SecretProtector protector) =>
        new(database.DataSource, NullLogger<DatabaseMigrator>.Instance,
            [new WebhookSecretSealing(database.DataSource, protector, NullLogger<WebhookSecretSealing>.Instance)]);

    /// <summary>The database as the release before 0140 left it: its migrations applied and recorded as the migrator does.</summary>
    private static async Task MigrateBefore(TestDatabase database, string version)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "CREATE SCHEMA IF NOT EXISTS mh; CREATE TABLE mh.schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            transaction: transaction);
        foreach (var migration in DatabaseMigrator.All.Where(m => string.CompareOrdinal(m.Version, version) < 0))
        {
            await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await apply.ExecuteNonQueryAsync();
            }
            await connection.ExecuteAsync("SET LOCAL search_path TO mh, public; INSERT INTO mh.schema_migrations (version) VALUES (@Version)",
                new { migration.Version }, transaction);
        }
        await transaction.CommitAsync();
    }

    private static async Task Insert(TestDatabase database, Guid id, byte[] sealedSecret)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO mh.subscription (id, channel, target, secret_sealed, active, created_at, created_by)
            VALUES (@id, 'webhook', 'https://partner.test/hook', @sealedSecret, true, now(), 'admin')
            """, new { id, sealedSecret });
    }

    private static async Task<Dictionary<Guid, byte[]>> Sealed(TestDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<(Guid Id, byte[] Sealed)>("SELECT id, secret_sealed FROM mh.subscription"))
            .ToDictionary(r => r.Id, r => r.Sealed);
    }
}
