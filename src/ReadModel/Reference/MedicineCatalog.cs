using Dapper;
using Npgsql;

namespace MhSupply.Reference;

/// <summary>The essential medicines list in PostgreSQL. Items are retired, never deleted.</summary>
public sealed class MedicineCatalog(NpgsqlDataSource dataSource)
{
    private const string Columns = "code, name, form, strength, unit, atc, category, source, tracer, levels, retired_at AS RetiredAt";

    public async Task<IReadOnlyList<MedicineRecord>> ListAsync(bool includeRetired, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MedicineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM mh.medicine WHERE @includeRetired OR retired_at IS NULL ORDER BY code",
            new { includeRetired }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<MedicineRecord?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<MedicineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM mh.medicine WHERE code = @code", new { code }, cancellationToken: cancellationToken)))?.ToRecord();
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM mh.medicine", cancellationToken: cancellationToken));
    }

    // Dapper binds text[] to settable properties but not to a record's constructor (the reader reports System.Array).
    private sealed class MedicineRow
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Form { get; set; } = "";
        public string Strength { get; set; } = "";
        public string Unit { get; set; } = "";
        public string? Atc { get; set; }
        public string Category { get; set; } = "";
        public string? Source { get; set; }
        public bool Tracer { get; set; }
        public string[] Levels { get; set; } = [];
        public DateTimeOffset? RetiredAt { get; set; }

        public MedicineRecord ToRecord() => new(Code, Name, Form, Strength, Unit, Atc, Category, Source, Tracer, Levels, RetiredAt);
    }
}
