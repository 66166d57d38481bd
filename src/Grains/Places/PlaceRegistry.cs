using System.Text.Json;
using Dapper;
using Npgsql;

namespace MhSupply.Places;

/// <summary>Writes the place names (the place grain's store, and the demo seeding).</summary>
public sealed class PlaceRegistry(NpgsqlDataSource dataSource)
{
    /// <summary>Creates or replaces a place; true when it was created.</summary>
    public async Task<bool> UpsertAsync(PlaceRecord place, string by, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            INSERT INTO mh.place (id, level, name, names, updated_at, updated_by)
            VALUES (@Id, @Level, @Name, CAST(@names AS jsonb), now(), @by)
            ON CONFLICT (id) DO UPDATE SET level = excluded.level, name = excluded.name, names = excluded.names,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            RETURNING (xmax = 0)
            """, new { place.Id, place.Level, place.Name, names = JsonSerializer.Serialize(place.Names), by }, cancellationToken: cancellationToken));
    }

    /// <summary>Writes a place nobody has named yet (the demo seeding): an admin's later name survives a restart.</summary>
    public async Task AddIfAbsentAsync(PlaceRecord place, string by, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.place (id, level, name, names, updated_at, updated_by)
            VALUES (@Id, @Level, @Name, CAST(@names AS jsonb), now(), @by)
            ON CONFLICT (id) DO NOTHING
            """, new { place.Id, place.Level, place.Name, names = JsonSerializer.Serialize(place.Names), by }, cancellationToken: cancellationToken));
    }
}
