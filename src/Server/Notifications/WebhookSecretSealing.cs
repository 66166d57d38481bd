using System.Security.Cryptography;
using Dapper;
using MhSupply.Jobs;
using MhSupply.Persistence;
using MhSupply.Privacy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MhSupply.Notifications;

/// <summary>
/// Keeps every webhook secret sealed with the current key (<see cref="SecretProtector"/>). After migration 0140, in its
/// transaction, it seals the secrets a database from before held in clear. As the job <c>webhook-secret-reseal</c> (run on
/// demand, after a key rotation), it re-seals with the current key what an older key of Privacy:SecretKeys sealed, so that
/// key can then be removed. Idempotent: a second run finds nothing to do. A secret sealed with a key no longer configured
/// is left as it is and reported (its deliveries fail, and are retried, until that key is back).
/// </summary>
public sealed class WebhookSecretSealing(NpgsqlDataSource dataSource, SecretProtector protector, ILogger<WebhookSecretSealing> logger)
    : IDataMigration, IRecurringJob
{
    public const string JobName = JobNames.WebhookSecretReseal;

    public string Name => JobName;

    public string After => "0140_seal_webhook_secrets";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The migrator's lock: a process starting (and sealing) meanwhile waits for us, and we for it.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = DatabaseMigrator.AdvisoryLockKey },
            transaction, cancellationToken: cancellationToken));
        var summary = await ApplyAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    public async Task<string> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var header = protector.CurrentHeader;
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT id, secret AS Clear, secret_sealed AS Sealed FROM mh.subscription
            WHERE secret IS NOT NULL OR substring(secret_sealed FROM 1 FOR @headerSize) <> @header
            ORDER BY id FOR UPDATE
            """, new { header, headerSize = header.Length }, transaction, cancellationToken: cancellationToken));
        int sealedFromClear = 0, resealed = 0, unopened = 0;
        foreach (var row in rows)
        {
            string secret;
            if (row.Sealed is not null)
            {
                try
                {
                    secret = protector.Open(row.Sealed, row.Id);
                }
                catch (CryptographicException e)
                {
                    unopened++;
                    logger.LogWarning("Webhook subscription {Subscription}: secret left as it is, {Reason}", row.Id, e.Message);
                    continue;
                }
                resealed++;
            }
            else
            {
                secret = row.Clear!;
                sealedFromClear++;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE mh.subscription SET secret_sealed = @sealed, secret = NULL WHERE id = @id",
                new { id = row.Id, @sealed = protector.Seal(secret, row.Id) }, transaction, cancellationToken: cancellationToken));
        }
        var summary = $"{sealedFromClear} clear webhook secrets sealed, {resealed} re-sealed with key {protector.CurrentKeyId}, "
            + $"{unopened} that no configured key opens left as they are";
        if (sealedFromClear + resealed + unopened > 0)
        {
            logger.Log(unopened > 0 ? LogLevel.Warning : LogLevel.Information, "Webhook secrets: {Summary}", summary);
        }
        return summary;
    }

    private sealed record Row(Guid Id, string? Clear, byte[]? Sealed);
}
