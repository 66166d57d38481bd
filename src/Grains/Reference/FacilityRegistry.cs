using Dapper;
using MhSupply.Alerts;
using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MhSupply.Reference;

/// <summary>Writes the facility registry (the facility grain's store), with the facility's reporting checked in the same transaction.</summary>
public sealed class FacilityRegistry(NpgsqlDataSource dataSource, ReportingSchedule reporting, FacilityDirectory directory,
    [FromKeyedServices(Clock.Key)] TimeProvider time)
{
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
        directory.Remember(facility);
        return created;
    }
}
