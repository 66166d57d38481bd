using Dapper;
using MhSupply.Persistence;
using Npgsql;

namespace MhSupply.Orders;

/// <summary>
/// Writes an order's step to PostgreSQL in one implicit transaction: the row with its snapshot (guarded by the version the
/// step was decided on) and the step's history row. The grain answers only after this returns.
/// </summary>
public sealed class OrderStore(NpgsqlDataSource dataSource)
{
    public async Task<OrderState?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var snapshot = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT snapshot::text FROM mh.stock_order WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return snapshot is null ? null : OrderState.FromJson(snapshot);
    }

    /// <summary>Commits the step; false when the stored version moved on meanwhile (the caller reloads and re-decides).</summary>
    /// <param name="alerts">The step's alert statements (<see cref="OrderAlerts"/>), committed with it.</param>
    public async Task<bool> CommitAsync(OrderState order, DateTimeOffset recordedAt, IEnumerable<NpgsqlBatchCommand> alerts,
        CancellationToken cancellationToken = default)
    {
        var step = order.History[^1];
        var row = new NpgsqlBatchCommand("""
            WITH written AS (
                INSERT INTO mh.stock_order AS o (id, version, facility, supplier, district, status, status_at, emergency, snapshot, created_at, updated_at)
                VALUES (@id, @version, @facility, @supplier, @district, @status, @status_at, @emergency, @snapshot::jsonb, @recorded_at, @recorded_at)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, supplier = excluded.supplier, status = excluded.status,
                    status_at = excluded.status_at, emergency = excluded.emergency, snapshot = excluded.snapshot, updated_at = excluded.updated_at
                WHERE o.version = excluded.version - 1
                RETURNING 1)
            SELECT mh.expect_written((SELECT count(*) FROM written), @id::text)
            """)
            .With("id", order.Id)
            .With("version", order.Version)
            .With("facility", order.Facility)
            .With("supplier", order.Supplier)
            .With("district", order.District)
            .With("status", order.Status)
            .With("status_at", order.StatusAt)
            .With("emergency", order.Emergency)
            .With("snapshot", order.ToJson())
            .With("recorded_at", recordedAt);
        var history = new NpgsqlBatchCommand("""
            INSERT INTO mh.stock_order_step (order_id, version, action, status, at, by_subject, reason, recorded_at)
            VALUES (@id, @version, @action, @status, @at, @by, @reason, @recorded_at)
            """)
            .With("id", order.Id)
            .With("version", order.Version)
            .With("action", step.Action)
            .With("status", step.Status)
            .With("at", step.At)
            .With("by", step.By)
            .Text("reason", step.Reason)
            .With("recorded_at", recordedAt);
        try
        {
            await dataSource.ExecuteAtomicallyAsync([row, history, .. alerts], cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is "MHV01" or PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }
}
