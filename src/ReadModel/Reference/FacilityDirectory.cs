using Microsoft.Extensions.Options;
using System.Collections.Concurrent;
using Dapper;
using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MhSupply.Stock;
using Npgsql;

namespace MhSupply.Reference;

/// <summary>
/// Reads the facility registry. Scope checks ask it on every request, so lookups are cached for a short while;
/// registry changes made through this process are visible at once, others within <see cref="CacheFor"/>.
/// </summary>
public sealed class FacilityDirectory(NpgsqlDataSource dataSource, IOptions<MhSupply.Stock.StockOptions> stock,
    [FromKeyedServices(Clock.Key)] TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (FacilityRecord? Facility, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<FacilityRecord?> FindAsync(string facilityId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(facilityId, out var hit) && hit.Until > now)
        {
            return hit.Facility;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var facility = (await connection.QuerySingleOrDefaultAsync<FacilityRow>(new CommandDefinition(
            "SELECT id, name, level, district, region, services, active, opened_on AS OpenedOn FROM mh.facility WHERE id = @facilityId",
            new { facilityId }, cancellationToken: cancellationToken)))?.ToRecord();
        _cache[facilityId] = (facility, now + CacheFor);
        return facility;
    }

    public async Task<IReadOnlyList<FacilityRecord>> ListAsync(string? district, string? level, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<FacilityRow>(new CommandDefinition("""
            SELECT id, name, level, district, region, services, active, opened_on AS OpenedOn FROM mh.facility
            WHERE (@district::text IS NULL OR district = @district) AND (@level::text IS NULL OR level = @level)
            ORDER BY district, id
            """, new { district, level }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Whether any registered facility lies in the district (or, with <paramref name="region"/>, the region).</summary>
    public async Task<bool> HasAreaAsync(string id, bool region, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = region ? "SELECT EXISTS (SELECT 1 FROM mh.facility WHERE region = @id)" : "SELECT EXISTS (SELECT 1 FROM mh.facility WHERE district = @id)";
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Keeps a facility just written (by this process's registry grain or seen in its answer) visible at once.</summary>
    public void Remember(FacilityRecord facility) => _cache[facility.Id] = (facility, time.GetUtcNow() + CacheFor);

    /// <summary>Today in the facilities' calendar: the opening day of a facility registered without one.</summary>
    public DateOnly Today() => LocalDays.DateOf(time.GetUtcNow(), _zone);

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    // Dapper binds text[] to settable properties but not to a record's constructor (the reader reports System.Array).
    private sealed class FacilityRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Level { get; set; } = "";
        public string District { get; set; } = "";
        public string Region { get; set; } = "";
        public string[] Services { get; set; } = [];
        public bool Active { get; set; }
        public DateOnly OpenedOn { get; set; }

        public FacilityRecord ToRecord() => new(Id, Name, Level, District, Region, Services, Active, OpenedOn);
    }
}
