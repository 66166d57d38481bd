using Dapper;
using MhSupply.Stock;
using Npgsql;

namespace MhSupply.Reference;

/// <summary>The adjustment reasons in PostgreSQL (mh.adjustment_reason), written by the reason list grain. Never deleted.</summary>
public sealed class AdjustmentReasonCatalog(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<AdjustmentReason>> ListAsync(bool includeInactive = true, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT code, name, credit, category, active FROM mh.adjustment_reason WHERE @includeInactive OR active ORDER BY code",
            new { includeInactive }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToReason()).ToList();
    }

    public async Task<AdjustmentReasons> ReadAsync(CancellationToken cancellationToken = default) =>
        new(await ListAsync(includeInactive: true, cancellationToken));

    private sealed record Row(string Code, string Name, bool Credit, string Category, bool Active)
    {
        public AdjustmentReason ToReason() => new(Code, Name, Credit, WireNames.Parse<AdjustmentCategory>(Category), Active);
    }
}
