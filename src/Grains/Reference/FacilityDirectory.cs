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
public sealed class FacilityDirectory(NpgsqlDataSource dataSource, MhSupply.Alerts.ReportingSchedule reporting,
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

    /// <summary>
    /// Creates or replaces a facility; returns true when it was created. In the same transaction its reporting is checked
    /// again: when it opened (or whether it is active) decides which months it owes.
    /// </summary>
    public async Task<bool> UpsertAsync(FacilityRecord facility, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            INSERT INTO mh.facility (id, name, level, district, region, services, active, opened_on)
            VALUES (@Id, @Name, @Level, @District, @Region, @Services, @Active, @OpenedOn)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, district = excluded.district,
                region = excluded.region, services = excluded.services, active = excluded.active, opened_on = excluded.opened_on,
                updated_at = now()
            RETURNING (xmax = 0)
            """, facility, transaction, cancellationToken: cancellationToken));
        await reporting.CheckAsync(connection, transaction, [facility.Id], time.GetUtcNow(), "registry", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _cache[facility.Id] = (facility, time.GetUtcNow() + CacheFor);
        return created;
    }

    /// <summary>Today in the facilities' calendar: the opening day of a facility registered without one.</summary>
    public DateOnly Today() => LocalDays.DateOf(time.GetUtcNow(), reporting.Calendar.Zone);

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
        public DateTime OpenedOn { get; set; }

        public FacilityRecord ToRecord() => new(Id, Name, Level, District, Region, Services, Active, DateOnly.FromDateTime(OpenedOn));
    }
}
