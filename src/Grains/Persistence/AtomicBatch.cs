using Npgsql;

namespace MhSupply.Persistence;

public static class AtomicBatch
{
    /// <summary>
    /// Runs the statements as one batch without an explicit transaction: the batch is sent with one Sync, so PostgreSQL
    /// runs it as one implicit transaction (any failure rolls back every statement of it) and the answer arrives after
    /// the commit. One round trip instead of three (BEGIN with the batch, then COMMIT).
    /// </summary>
    public static async Task ExecuteAtomicallyAsync(this NpgsqlDataSource dataSource, IEnumerable<NpgsqlBatchCommand> commands,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
