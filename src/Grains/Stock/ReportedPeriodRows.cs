using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Stock;

/// <summary>Writes a facility's rows of mh.stock_report_period (the months it reported for) inside its projection.</summary>
internal static class ReportedPeriodRows
{
    /// <param name="replaceAll">The rows are every month the ledger reports for: the facility's other rows go.</param>
    public static IEnumerable<NpgsqlBatchCommand> Commands(string facility, IReadOnlyList<(DateOnly Period, DateTimeOffset FirstRecordedAt)> rows,
        bool replaceAll)
    {
        if (replaceAll)
        {
            var clear = new NpgsqlBatchCommand("DELETE FROM mh.stock_report_period WHERE facility = $1");
            clear.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = facility });
            yield return clear;
        }
        if (rows.Count == 0)
        {
            yield break;
        }
        // The earliest recording wins: a late report never makes a month look timelier than it was, nor the reverse.
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO mh.stock_report_period (facility, period, first_recorded_at)
            SELECT $1, r.period, r.first_recorded_at FROM unnest($2, $3) AS r(period, first_recorded_at)
            ON CONFLICT (facility, period) DO UPDATE SET first_recorded_at = least(stock_report_period.first_recorded_at, excluded.first_recorded_at)
            """);
        var p = upsert.Parameters;
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = facility });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date, Value = rows.Select(r => r.Period).ToArray() });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = rows.Select(r => r.FirstRecordedAt.UtcDateTime).ToArray() });
        yield return upsert;
    }
}
