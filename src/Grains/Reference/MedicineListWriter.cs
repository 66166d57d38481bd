using Dapper;
using Npgsql;

namespace MhSupply.Reference;

/// <summary>Writes the essential medicines list in PostgreSQL (the medicine list grain's store). Items are retired, never deleted.</summary>
public sealed class MedicineListWriter(NpgsqlDataSource dataSource)
{
    /// <summary>Creates or updates items in one transaction; returns the codes that were new.</summary>
    public async Task<IReadOnlyList<string>> UpsertAsync(IReadOnlyCollection<MedicineRecord> medicines, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await Upsert(connection, transaction, medicines, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>
    /// Makes <paramref name="medicines"/> the list: upserts them and retires every other item still on it, in one
    /// transaction, so a failure leaves the old list whole rather than the new items beside the old ones. Returns the codes
    /// that were new and how many items were retired.
    /// </summary>
    public async Task<(IReadOnlyList<string> Created, int Retired)> ReplaceAsync(IReadOnlyCollection<MedicineRecord> medicines,
        DateTimeOffset retiredAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await Upsert(connection, transaction, medicines, cancellationToken);
        var retired = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE mh.medicine SET retired_at = @retiredAt, updated_at = now()
            WHERE retired_at IS NULL AND code <> ALL(@kept)
            """, new { retiredAt, kept = medicines.Select(m => m.Code).ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (created, retired);
    }

    private static async Task<List<string>> Upsert(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<MedicineRecord> medicines, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var m in medicines)
        {
            var isNew = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
                INSERT INTO mh.medicine (code, name, form, strength, unit, atc, category, source, tracer, levels, retired_at)
                VALUES (@Code, @Name, @Form, @Strength, @Unit, @Atc, @Category, @Source, @Tracer, @Levels, @RetiredAt)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, form = excluded.form, strength = excluded.strength,
                    unit = excluded.unit, atc = excluded.atc, category = excluded.category, source = excluded.source,
                    tracer = excluded.tracer, levels = excluded.levels, retired_at = excluded.retired_at, updated_at = now()
                RETURNING (xmax = 0)
                """, m, transaction, cancellationToken: cancellationToken));
            if (isNew)
            {
                created.Add(m.Code);
            }
        }
        return created;
    }
}
