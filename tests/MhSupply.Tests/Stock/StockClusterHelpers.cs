using Dapper;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MhSupply.Tests.Stock;

internal static class StockClusterHelpers
{
    public static async Task RegisterFacilities(TestDatabase database, IEnumerable<string> ids, string district = "cluster-d")
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        foreach (var id in ids)
        {
            await connection.ExecuteAsync("""
                INSERT INTO mh.facility (id, name, level, district, region) VALUES (@id, @id, 'phc', @district, 'cluster-r')
                ON CONFLICT (id) DO NOTHING
                """, new { id, district });
        }
    }

    /// <summary>
    /// Has every silo's stock write probe throw at the steps <paramref name="failHere"/> picks, for this facility only (the
    /// cluster is shared by a collection); null stops it.
    /// </summary>
    public static void FailStockWrites(this ClusterFixture cluster, string facility, Func<StockWriteStep, bool>? failHere)
    {
        foreach (var silo in cluster.Cluster.Silos)
        {
            silo.ServiceProvider.GetRequiredService<StockWriteProbe>().Hook = failHere is null
                ? null
                : (f, step) => f == facility && failHere(step) ? throw new IOException($"simulated failure at {step}") : ValueTask.CompletedTask;
        }
    }

    /// <summary>The silo holding the facility's stock grain activation (to kill it, as a crash would).</summary>
    public static async Task<Orleans.Runtime.SiloAddress> HostingSilo(ClusterFixture cluster, string facility)
    {
        var stats = await cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Single(s => s.GrainId.Key.ToString() == facility && s.GrainType.Contains("FacilityStock", StringComparison.Ordinal)).SiloAddress;
    }

    /// <summary>The balance every card must have: the signed sum of its accepted events (no counts in these streams).</summary>
    public static int Signed(StockEventInput e) => e.Type switch
    {
        "receipt" or "transfer_in" => e.Quantity,
        "issue" or "transfer_out" => -e.Quantity,
        "adjustment" => e.Reason is "found" or "returned" ? e.Quantity : -e.Quantity,
        _ => throw new ArgumentException(e.Type),
    };

    public static async Task<Dictionary<(string Facility, string Medicine), int>> LedgerBalances(TestDatabase database, string facilityPrefix)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string Facility, string Medicine, int Soh)>("""
            SELECT facility, medicine, sum(CASE WHEN type IN ('receipt', 'transfer_in') OR (type = 'adjustment' AND reason IN ('found', 'returned'))
                                              THEN quantity ELSE -quantity END)::int
            FROM mh.stock_event WHERE facility LIKE @prefix GROUP BY facility, medicine
            """, new { prefix = facilityPrefix + "%" });
        return rows.ToDictionary(r => (r.Facility, r.Medicine), r => r.Soh);
    }

    /// <summary>The read model's balances, read as its readers do: after the facilities with unprojected reports have projected.</summary>
    public static async Task<Dictionary<(string Facility, string Medicine), int>> ReadModelBalances(ClusterFixture cluster, string facilityPrefix)
    {
        await new StockProjectionCatchUp(cluster.Database.DataSource, cluster.Grains,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StockProjectionCatchUp>.Instance).CatchUpAllAsync();
        await using var connection = await cluster.Database.DataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string Facility, string Medicine, int Soh)>(
            "SELECT facility, medicine, soh FROM mh.stock_card WHERE facility LIKE @prefix", new { prefix = facilityPrefix + "%" });
        return rows.ToDictionary(r => (r.Facility, r.Medicine), r => r.Soh);
    }

    public static async Task<long> LedgerCount(TestDatabase database, string facilityPrefix)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM mh.stock_event WHERE facility LIKE @prefix",
            new { prefix = facilityPrefix + "%" });
    }
}
