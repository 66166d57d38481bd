using System.Text.Json;
using Dapper;
using Npgsql;

namespace MhSupply.Indicators;

/// <summary>
/// Writes the push ledger (mh.dhis2_push, migration 0177). An attempt is counted, and its push leased until the next retry
/// time, before anything is sent: a crash while DHIS2 imports leaves the push pending, tried again after its back-off.
/// Sending a period twice is harmless to DHIS2 (the second import updates the same values), so that is the crash story.
/// </summary>
public sealed class Dhis2PushLedger(NpgsqlDataSource dataSource)
{
    /// <summary>Any constant shared by every process that pushes: one push run at a time across silos and the admin API.</summary>
    private const long RunLockKey = 0x4448495332507368; // "DHIS2Psh"

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Holds the run lock until disposed, or null when another run holds it. A session lock on a connection of its own, so
    /// a process that dies drops it with its connection.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLockAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key = RunLockKey }, cancellationToken: cancellationToken)))
        {
            return new RunLock(connection);
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Opens a push of a period, pending; the period's pending push when there is one already.</summary>
    public async Task<long> OpenAsync(string period, string orgUnit, bool forced, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            WITH opened AS (
                INSERT INTO mh.dhis2_push (period, org_unit, forced, requested_by, state, created_at, next_attempt_at)
                VALUES (@period, @orgUnit, @forced, @by, 'pending', @now, @now)
                ON CONFLICT (period, org_unit) WHERE state = 'pending' DO NOTHING
                RETURNING id)
            SELECT id FROM opened
            UNION ALL
            SELECT id FROM mh.dhis2_push WHERE period = @period AND org_unit = @orgUnit AND state = 'pending'
            LIMIT 1
            """, new { period, orgUnit, forced, by, now = now.UtcDateTime }, cancellationToken: cancellationToken));
    }

    /// <summary>Counts an attempt before it is made and leases the push until <paramref name="retryAt"/>; the attempt's number, or null when the push is no longer pending.</summary>
    public async Task<int?> BeginAttemptAsync(long id, int dataValues, string? orgUnitUid, DateTimeOffset now, Func<int, DateTimeOffset> retryAt,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var attempts = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT attempts + 1 FROM mh.dhis2_push WHERE id = @id AND state = 'pending' FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        if (attempts is not { } attempt)
        {
            return null;
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE mh.dhis2_push SET attempts = @attempt, attempted_at = @now, next_attempt_at = @lease, data_values = @dataValues, org_unit_uid = @orgUnitUid
            WHERE id = @id
            """, new { id, attempt, now = now.UtcDateTime, lease = retryAt(attempt).UtcDateTime, dataValues, orgUnitUid }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return attempt;
    }

    /// <summary>DHIS2 answered: the push is delivered with its summary, whatever its status.</summary>
    public async Task DeliveredAsync(long id, Dhis2ImportSummary summary, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE mh.dhis2_push SET state = 'delivered', status = @status, imported = @imported, updated = @updated, ignored = @ignored,
                   deleted = @deleted, conflicts = @conflicts::jsonb, error = NULL, finished_at = @now, next_attempt_at = NULL
            WHERE id = @id
            """, new
        {
            id, summary.Status, summary.Imported, summary.Updated, summary.Ignored, summary.Deleted, now = now.UtcDateTime,
            conflicts = JsonSerializer.Serialize(summary.Conflicts.Select(c => new { @object = c.Object, value = c.Value }), Json),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>The attempt failed: the push waits until <paramref name="retryAt"/>, or is given up.</summary>
    public async Task AttemptFailedAsync(long id, string error, bool giveUp, DateTimeOffset now, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE mh.dhis2_push SET error = @error,
                   state = CASE WHEN @giveUp THEN 'failed' ELSE 'pending' END,
                   finished_at = CASE WHEN @giveUp THEN @now END,
                   next_attempt_at = CASE WHEN @giveUp THEN NULL ELSE @retryAt END
            WHERE id = @id
            """, new { id, error, giveUp, now = now.UtcDateTime, retryAt = retryAt.UtcDateTime }, cancellationToken: cancellationToken));
    }

    private sealed class RunLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = RunLockKey }));
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
