using System.Text.Json;
using Dapper;
using Npgsql;

namespace MhSupply.Places;

/// <summary>The named districts and regions (migration 0178), as far as a reader's claims reach.</summary>
public sealed class PlaceDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The places a reader may see: every place for an admin; otherwise the districts of their district claims and of
    /// their facilities, and the regions those lie in (by the facility registry).
    /// </summary>
    public async Task<IReadOnlyList<PlaceRecord>> ListAsync(string? level, bool everything, IReadOnlyCollection<string> districts,
        IReadOnlyCollection<string> facilities, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Level, string Name, string Names)>(new CommandDefinition("""
            SELECT p.id, p.level, p.name, p.names::text
            FROM mh.place p
            WHERE (@level IS NULL OR p.level = @level)
              AND (@everything
                OR (p.level = 'district' AND (p.id = ANY(@districts)
                    OR EXISTS (SELECT 1 FROM mh.facility f WHERE f.district = p.id AND f.id = ANY(@facilities))))
                OR (p.level = 'region' AND EXISTS (SELECT 1 FROM mh.facility f WHERE f.region = p.id
                    AND (f.district = ANY(@districts) OR f.id = ANY(@facilities)))))
            ORDER BY p.level, p.name, p.id
            """, new { level, everything, districts = districts.ToArray(), facilities = facilities.ToArray() }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new PlaceRecord(r.Id, r.Level, r.Name, JsonSerializer.Deserialize<Dictionary<string, string>>(r.Names) ?? []))];
    }
}
