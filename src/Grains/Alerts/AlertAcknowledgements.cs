using Dapper;
using Npgsql;

namespace MhSupply.Alerts;

/// <summary>Writes an alert's acknowledgement (the alert grain's store).</summary>
public sealed class AlertAcknowledgements(NpgsqlDataSource dataSource)
{
    /// <summary>Open → acknowledged, recorded with who, when and the note. Acknowledging twice changes nothing.</summary>
    public async Task<bool> AcknowledgeAsync(Guid id, string actor, string? note, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE mh.alert SET status = 'acknowledged', acknowledged_at = @now, acknowledged_by = @actor
            WHERE id = @id AND status = 'open'
            """, new { id, actor, now }, transaction, cancellationToken: cancellationToken));
        if (changed == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO mh.alert_change (alert_id, change, at, actor, note) VALUES (@id, 'acknowledged', @now, @actor, @note)
                """, new { id, actor, now, note }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }
}
