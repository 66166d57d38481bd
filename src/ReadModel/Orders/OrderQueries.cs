using Dapper;
using Npgsql;

namespace MhSupply.Orders;

/// <summary>
/// Orders as committed (mh.stock_order's snapshots), for lists and for the stock figures: what is approved and not yet
/// shipped (on order) and shipped and not yet received (in transit), per medicine of a facility.
/// </summary>
public sealed class OrderQueries(NpgsqlDataSource dataSource)
{
    /// <summary>What narrows a list: the facilities and districts the caller's token names (null for an admin), and the query's filters.</summary>
    public sealed record Filter(IReadOnlyCollection<string>? Facilities, IReadOnlyCollection<string>? Districts, string? Facility, string? Supplier,
        string? Status, long Offset, int Limit);

    public async Task<(IReadOnlyList<OrderState> Orders, int Total)> ListAsync(Filter filter, CancellationToken cancellationToken = default)
    {
        const string Where = """
            WHERE (@all OR facility = ANY(@facilities) OR supplier = ANY(@facilities) OR district = ANY(@districts))
              AND (@facility::text IS NULL OR facility = @facility)
              AND (@supplier::text IS NULL OR supplier = @supplier)
              AND (@status::text IS NULL OR status = @status)
            """;
        var args = new
        {
            all = filter.Facilities is null,
            facilities = (filter.Facilities ?? []).ToArray(),
            districts = (filter.Districts ?? []).ToArray(),
            facility = filter.Facility,
            supplier = filter.Supplier,
            status = filter.Status,
            offset = filter.Offset,
            limit = filter.Limit,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT count(*) FROM mh.stock_order {Where}", args,
            cancellationToken: cancellationToken));
        // Emergencies first, then the oldest change first: what has waited longest is what someone must act on.
        var rows = await connection.QueryAsync<string>(new CommandDefinition($"""
            SELECT snapshot::text FROM mh.stock_order {Where}
            ORDER BY status IN ('received', 'rejected', 'cancelled'), emergency DESC, status_at DESC, id
            OFFSET @offset LIMIT @limit
            """, args, cancellationToken: cancellationToken));
        return ([.. rows.Select(r => OrderState.FromJson(r))], total);
    }

    /// <summary>Per medicine of <paramref name="facility"/>: units approved and not shipped, and shipped and not received.</summary>
    public async Task<IReadOnlyDictionary<string, (int OnOrder, int InTransit)>> PipelineAsync(string facility, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Medicine, long OnOrder, long InTransit)>(new CommandDefinition("""
            SELECT l.medicine,
                   sum(CASE WHEN o.status = 'approved' THEN coalesce(l.approved, 0) ELSE 0 END),
                   sum(CASE WHEN o.status = 'shipped' THEN coalesce(l.shipped, 0) ELSE 0 END)
            FROM mh.stock_order o
            CROSS JOIN LATERAL jsonb_to_recordset(o.snapshot -> 'lines') AS l(medicine text, approved int, shipped int)
            WHERE o.facility = @facility AND o.status IN ('approved', 'shipped')
            GROUP BY l.medicine
            """, new { facility }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Medicine, r => ((int)r.OnOrder, (int)r.InTransit), StringComparer.Ordinal);
    }

    /// <summary>
    /// Per facility and medicine among <paramref name="facilities"/>: what their orders bring (approved or shipped to them,
    /// not yet received) and what they have promised others (approved with them as supplier, not yet shipped). Redistribution
    /// reads both, so that a movement already decided is neither suggested again nor given twice from the same stock.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Facility, string Medicine), (int Coming, int Promised)>> FlowsAsync(
        IReadOnlyCollection<string> facilities, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Facility, string Medicine, long Coming, long Promised)>(new CommandDefinition("""
            SELECT o.facility, l.medicine,
                   sum(coalesce(CASE WHEN o.status = 'approved' THEN l.approved ELSE l.shipped END, 0)), 0::bigint
            FROM mh.stock_order o
            CROSS JOIN LATERAL jsonb_to_recordset(o.snapshot -> 'lines') AS l(medicine text, approved int, shipped int)
            WHERE o.facility = ANY(@facilities) AND o.status IN ('approved', 'shipped')
            GROUP BY o.facility, l.medicine
            UNION ALL
            SELECT o.supplier, l.medicine, 0::bigint, sum(coalesce(l.approved, 0))
            FROM mh.stock_order o
            CROSS JOIN LATERAL jsonb_to_recordset(o.snapshot -> 'lines') AS l(medicine text, approved int)
            WHERE o.supplier = ANY(@facilities) AND o.status = 'approved'
            GROUP BY o.supplier, l.medicine
            """, new { facilities = facilities.ToArray() }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => (r.Facility, r.Medicine))
            .ToDictionary(g => g.Key, g => ((int)g.Sum(r => r.Coming), (int)g.Sum(r => r.Promised)));
    }
}
