using Npgsql;

/// <summary>
/// The benchmark's ledger, written by SQL in bulk: per facility and card, a receipt a week and issues on the other
/// slots (never below zero), numbered in ledger positions as the facility's grain would have committed them.
/// </summary>
internal sealed class HistoryData(NpgsqlDataSource db)
{
    public async Task<string[]> MedicinesAsync(int count)
    {
        var codes = new List<string>();
        await using var command = db.CreateCommand("SELECT code FROM mh.medicine WHERE retired_at IS NULL ORDER BY code LIMIT $1");
        command.Parameters.AddWithValue(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }
        return codes.Count == count ? [.. codes] : throw new InvalidOperationException($"the medicines list holds {codes.Count} items, not {count}");
    }

    /// <param name="shape">Events on days where (day + card) is a multiple of its stride, PerDay of them; the last day is yesterday.</param>
    public async Task PopulateAsync(Shape shape, string[] medicines)
    {
        var start = DateTime.UtcNow.Date.AddDays(-shape.Days);
        await ExecuteAsync("""
            INSERT INTO mh.facility (id, name, level, district, region)
            SELECT $1 || '-' || i, 'Bench ' || $1 || ' ' || i, 'phc', 'bench-d', 'bench-r' FROM generate_series(1, $2) i ON CONFLICT DO NOTHING
            """, shape.Prefix, shape.Copies);
        await ExecuteAsync("""
            INSERT INTO mh.stock_event (event_id, facility, medicine, type, quantity, occurred_at, recorded_at, recorded_by, position)
            SELECT gen_random_uuid(), $1 || '-' || f, m.code,
                   CASE WHEN j = 0 AND (d / $4) % 7 = 0 THEN 'receipt' ELSE 'issue' END,
                   CASE WHEN j = 0 AND (d / $4) % 7 = 0 THEN 35 * $3 + 5 ELSE 5 END,
                   $5 + d * interval '1 day' + (j + 1) * (interval '20 hours' / ($3 + 1)),
                   $5 + d * interval '1 day' + (j + 1) * (interval '20 hours' / ($3 + 1)) + interval '1 minute',
                   'bench', (d * 30 + m.n) * $3 + j + 1
            FROM generate_series(1, $2) f
            CROSS JOIN unnest($6::text[]) WITH ORDINALITY AS m(code, n)
            CROSS JOIN generate_series(0, $7 - 1) d
            CROSS JOIN generate_series(0, $3 - 1) j
            WHERE (d + m.n) % $4 = 0
            """, shape.Prefix, shape.Copies, shape.PerDay, shape.Stride, start, medicines, shape.Days);
    }

    /// <summary>Read-model rows a day old for every card of the facilities: what makes the refresh visit them.</summary>
    public Task MakeReadModelStaleAsync(string prefix, bool create, string[] medicines) => create
        ? ExecuteAsync("""
            INSERT INTO mh.stock_card (facility, medicine, district, region, soh, status, stockout_days_this_month, lots, as_of)
            SELECT f.id, m, 'bench-d', 'bench-r', 0, 'unknown', 0, '[]'::jsonb, current_date - 1
            FROM mh.facility f CROSS JOIN unnest($2::text[]) m WHERE f.id LIKE $1 || '%'
            ON CONFLICT DO NOTHING
            """, prefix, medicines)
        : ExecuteAsync("UPDATE mh.stock_card SET as_of = as_of - 1 WHERE facility LIKE $1 || '%'", prefix);

    /// <summary>A day of reports at each facility since the last night: 15 issues, committed after its last position.</summary>
    public Task AddADayAsync(string prefix, int facilities, string[] medicines) => ExecuteAsync("""
        INSERT INTO mh.stock_event (event_id, facility, medicine, type, quantity, occurred_at, recorded_at, recorded_by, position)
        SELECT gen_random_uuid(), $1 || '-' || f, ($3::text[])[1 + n], 'issue', 1,
               now() - interval '1 hour' - n * interval '1 minute', now() - n * interval '1 minute', 'bench', 100000000 + n
        FROM generate_series(1, $2) f CROSS JOIN generate_series(0, 14) n
        """, prefix, facilities, medicines);

    public async Task AnalyzeAsync() => await ExecuteAsync("VACUUM ANALYZE mh.stock_event");

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }
        await command.ExecuteNonQueryAsync();
    }
}
