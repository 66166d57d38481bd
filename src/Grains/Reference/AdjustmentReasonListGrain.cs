using Dapper;
using Npgsql;

namespace MhSupply.Reference;

/// <summary>
/// Writes the adjustment reasons (mh.adjustment_reason). The existing rows are read under lock in the same transaction,
/// so a direction is checked against what is stored, not against what a reader cached.
/// </summary>
[GrainType("adjustment-reason-list")]
public sealed class AdjustmentReasonListGrain(NpgsqlDataSource dataSource) : Grain, IAdjustmentReasonListGrain
{
    public async Task<AdjustmentReasonsSaved> Upsert(IReadOnlyList<AdjustmentReasonRecord> reasons)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var stored = (await connection.QueryAsync<(string Code, bool Credit)>(new CommandDefinition(
            "SELECT code, credit FROM mh.adjustment_reason WHERE code = ANY(@codes) FOR UPDATE",
            new { codes = reasons.Select(r => r.Code).ToArray() }, transaction))).ToDictionary(r => r.Code, r => r.Credit);
        var turned = reasons.Where(r => stored.TryGetValue(r.Code, out var credit) && credit != r.Credit).ToList();
        if (turned.Count > 0)
        {
            return new AdjustmentReasonsSaved([], turned.Select(r => r with { Credit = !r.Credit }).ToList());
        }
        foreach (var r in reasons)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO mh.adjustment_reason (code, name, credit, category, active)
                VALUES (@Code, @Name, @Credit, @Category, @Active)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, category = excluded.category, active = excluded.active,
                    updated_at = now()
                """, r, transaction));
        }
        await transaction.CommitAsync();
        return new AdjustmentReasonsSaved(reasons.Where(r => !stored.ContainsKey(r.Code)).Select(r => r.Code).ToList(), []);
    }
}
