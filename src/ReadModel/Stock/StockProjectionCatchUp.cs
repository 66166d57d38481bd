using Dapper;
using MhSupply.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MhSupply.Stock;

/// <summary>
/// Brings the read model of the facilities in a reader's scope up to date before it is read: each facility with a
/// pending-projection marker projects now (one grain call each; the others are not touched). So a list, an alert inbox
/// or a job sees every acknowledged report, although the stock commit leaves the projection to a moment later. After a
/// silo died, the call also recovers the facility: its new activation projects every card from the ledger.
/// A facility that cannot project now (its silo is stopping, PostgreSQL refused the write) does not fail the read: the
/// reader gets the rows as they are, without that facility's last moments, and the marker keeps the work for later.
/// </summary>
public sealed class StockProjectionCatchUp(NpgsqlDataSource dataSource, IGrainFactory grains, ILogger<StockProjectionCatchUp> logger)
{
    /// <summary>Facilities projected at once: each takes a pooled connection for its commit.</summary>
    private const int Parallelism = 8;

    /// <param name="districts">With <paramref name="facilities"/>, the reader's reach; both null means every facility.</param>
    /// <returns>The facilities that had to project.</returns>
    public async Task<int> CatchUpAsync(IReadOnlyCollection<string>? districts, IReadOnlyCollection<string>? facilities,
        CancellationToken cancellationToken = default)
    {
        var pending = await PendingAsync(districts, facilities, cancellationToken);
        if (pending.Count == 1)
        {
            await ProjectAsync(pending[0]);
        }
        else if (pending.Count > 1)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (facility, _) => await ProjectAsync(facility));
        }
        return pending.Count;
    }

    private async Task ProjectAsync(string facility)
    {
        try
        {
            await grains.GetGrain<IFacilityStockGrain>(facility).Project();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "{Facility} could not project its latest stock reports before a read; it is read as last projected", facility);
        }
    }

    /// <summary>Every facility with a marker.</summary>
    public Task<int> CatchUpAllAsync(CancellationToken cancellationToken = default) => CatchUpAsync(null, null, cancellationToken);

    private async Task<List<string>> PendingAsync(IReadOnlyCollection<string>? districts, IReadOnlyCollection<string>? facilities,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var pending = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT facility FROM mh.stock_projection_pending WHERE {ScopeFilter.Covers("district", "facility")}",
            ScopeFilter.AddTo(new DynamicParameters(), districts, facilities), cancellationToken: cancellationToken));
        return pending.AsList();
    }
}
