using MhSupply.Indicators;
using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Stock;

/// <summary>Writes a facility's rows of mh.stock_card_month (each card's figures at each month's end) inside its projection.</summary>
internal static class CardMonthRows
{
    /// <param name="replaceCards">The months given are every month of these cards (they were rebuilt from the ledger):
    /// their other rows go.</param>
    public static IEnumerable<NpgsqlBatchCommand> Commands(string facility, IReadOnlyCollection<(string Medicine, CardMonth Month)> rows,
        IReadOnlyCollection<string>? replaceCards = null)
    {
        if (replaceCards is { Count: > 0 })
        {
            var clear = new NpgsqlBatchCommand("DELETE FROM mh.stock_card_month WHERE facility = $1 AND medicine = ANY($2)");
            clear.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = facility });
            clear.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = replaceCards.ToArray() });
            yield return clear;
        }
        if (rows.Count == 0)
        {
            yield break;
        }
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO mh.stock_card_month (facility, medicine, period, as_of, soh, status, stockout_days)
            SELECT $1, r.medicine, r.period, r.as_of, r.soh, r.status, r.stockout_days
            FROM unnest($2, $3, $4, $5, $6, $7) AS r(medicine, period, as_of, soh, status, stockout_days)
            ON CONFLICT (period, facility, medicine) DO UPDATE
            SET as_of = excluded.as_of, soh = excluded.soh, status = excluded.status, stockout_days = excluded.stockout_days
            """);
        var p = upsert.Parameters;
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = facility });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Medicine).ToArray() });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date, Value = rows.Select(r => r.Month.Period).ToArray() });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date, Value = rows.Select(r => r.Month.AsOf).ToArray() });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = rows.Select(r => r.Month.Soh).ToArray() });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Month.Status.ToWireName()).ToArray() });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = rows.Select(r => r.Month.StockoutDays).ToArray() });
        yield return upsert;
    }
}
