using Dapper;
using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MhSupply.Orders;

/// <summary>Writes a facility's supply line (mh.supply_line); readers go through the read model's <c>SupplyLines</c>.</summary>
[GrainType("supply-line")]
public sealed class SupplyLineGrain(NpgsqlDataSource dataSource, [FromKeyedServices(Clock.Key)] TimeProvider clock) : Grain, ISupplyLineGrain
{
    public async Task Set(string? supplier, string by)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(supplier is null
            ? "DELETE FROM mh.supply_line WHERE facility = @facility"
            : """
              INSERT INTO mh.supply_line (facility, supplier, updated_at, updated_by) VALUES (@facility, @supplier, @at, @by)
              ON CONFLICT (facility) DO UPDATE SET supplier = excluded.supplier, updated_at = excluded.updated_at, updated_by = excluded.updated_by
              """, new { facility = this.GetPrimaryKeyString(), supplier, at = clock.GetUtcNow(), by });
    }
}
