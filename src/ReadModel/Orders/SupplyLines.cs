using Dapper;
using MhSupply.Reference;
using Npgsql;

namespace MhSupply.Orders;

/// <summary>
/// Who supplies each facility (issue 18): the facility's supply line when an administrator set one, otherwise the active
/// warehouse of its district (the first by id when a district has several). A warehouse itself orders only through a
/// supply line (from the regional or central store).
/// </summary>
public sealed class SupplyLines(NpgsqlDataSource dataSource, FacilityDirectory facilities)
{
    public sealed record SupplyLine(string Facility, string Supplier, bool Configured);

    public async Task<string?> SupplierOfAsync(FacilityRecord facility, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var configured = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT supplier FROM mh.supply_line WHERE facility = @id", new { id = facility.Id }, cancellationToken: cancellationToken));
        if (configured is not null)
        {
            return configured;
        }
        return (await facilities.ListAsync(facility.District, "warehouse", cancellationToken))
            .Where(f => f.Active && f.Id != facility.Id).OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => f.Id).FirstOrDefault();
    }

    /// <summary>Every configured line; facilities without one are supplied by their district's warehouse.</summary>
    public async Task<IReadOnlyList<SupplyLine>> ConfiguredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Facility, string Supplier)>(new CommandDefinition(
            "SELECT facility, supplier FROM mh.supply_line ORDER BY facility", cancellationToken: cancellationToken));
        return [.. rows.Select(r => new SupplyLine(r.Facility, r.Supplier, true))];
    }
}
