using Npgsql;

namespace MhSupply.Alerts;

/// <summary>Writes an alert's acknowledgement (the alert grain's store).</summary>
public sealed class AlertAcknowledgements(NpgsqlDataSource dataSource)
{
    /// <summary>Open → acknowledged, recorded with who, when and the note. Acknowledging twice changes nothing.</summary>
    public async Task<bool> AcknowledgeAsync(Guid id, string actor, string? note, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { AlertWriter.Acknowledge(id, actor, note, now) } };
        return await batch.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
