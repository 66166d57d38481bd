using System.Text.Json;
using Dapper;
using MhSupply.Persistence;
using Npgsql;

namespace MhSupply.Stock;

/// <summary>Answers questions across facilities from the stock_card read model, never by activating grains.</summary>
public sealed class StockReadModel(NpgsqlDataSource dataSource)
{
    public sealed record Filter(
        IReadOnlyCollection<string>? Districts,
        IReadOnlyCollection<string>? Facilities,
        string? District,
        string? Status,
        string? Medicine,
        long Offset,
        int Limit);

    public sealed record CardItem(string Facility, string District, StockItemView Item, DateOnly AsOf);

    /// <summary>Cards within the caller's reach (districts or facilities; both null means everything), filtered and paged.</summary>
    public async Task<(IReadOnlyList<CardItem> Items, long Total)> ListAsync(Filter filter, CancellationToken cancellationToken = default)
    {
        var where = $"""
            WHERE {ScopeFilter.Covers("district", "facility")}
              AND (@district::text IS NULL OR district = @district)
              AND (@status::text IS NULL OR status = @status)
              AND (@medicine::text IS NULL OR medicine = @medicine)
            """;
        var args = ScopeFilter.AddTo(new DynamicParameters(new
        {
            filter.District,
            filter.Status,
            filter.Medicine,
            offset = filter.Offset,
            limit = filter.Limit,
        }), filter.Districts, filter.Facilities);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM mh.stock_card {where}", args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT facility, district, medicine, soh, amc, mos, status, stockout_days_this_month AS StockoutDaysThisMonth,
                   projected_stockout_date AS ProjectedStockoutDate, suggested_order AS SuggestedOrder,
                   last_event_at AS LastEventAt, lots::text AS Lots, as_of AS AsOf
            FROM mh.stock_card {where}
            ORDER BY district, facility, medicine
            OFFSET @offset LIMIT @limit
            """, args, cancellationToken: cancellationToken));
        return (rows.Select(r => r.ToItem()).ToList(), total);
    }

    /// <summary>Every card of a district's facilities (optionally one medicine), for redistribution: no paging, a district is small.</summary>
    public async Task<IReadOnlyList<CardItem>> DistrictCardsAsync(string district, string? medicine, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT facility, district, medicine, soh, amc, mos, status, stockout_days_this_month AS StockoutDaysThisMonth,
                   projected_stockout_date AS ProjectedStockoutDate, suggested_order AS SuggestedOrder,
                   last_event_at AS LastEventAt, lots::text AS Lots, as_of AS AsOf
            FROM mh.stock_card
            WHERE district = @district AND (@medicine::text IS NULL OR medicine = @medicine)
            ORDER BY medicine, facility
            """, new { district, medicine }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToItem(exactAmc: true)).ToList();
    }

    private sealed class Row
    {
        public string Facility { get; set; } = "";
        public string District { get; set; } = "";
        public string Medicine { get; set; } = "";
        public int Soh { get; set; }
        public decimal? Amc { get; set; }
        public decimal? Mos { get; set; }
        public string Status { get; set; } = "";
        public int StockoutDaysThisMonth { get; set; }
        public DateOnly? ProjectedStockoutDate { get; set; }
        public int? SuggestedOrder { get; set; }
        public DateTimeOffset? LastEventAt { get; set; }
        public string Lots { get; set; } = "[]";
        public DateOnly AsOf { get; set; }

        /// <param name="exactAmc">Keep AMC unrounded (a calculation reads it), not to 2 places as a screen shows it.</param>
        public CardItem ToItem(bool exactAmc = false)
        {
            var lots = JsonSerializer.Deserialize<LotBalance[]>(Lots, StockCardRow.LotsJson) ?? [];
            var item = new StockItemView(Medicine, Soh, Amc is { } a ? (double)(exactAmc ? a : Math.Round(a, 2)) : null,
                Mos is { } m ? (double)Math.Round(m, 2) : null, Status, StockoutDaysThisMonth,
                ProjectedStockoutDate, SuggestedOrder, LastEventAt,
                lots.Select(StockViews.Lot).ToArray());
            return new CardItem(Facility, District, item, AsOf);
        }
    }
}
