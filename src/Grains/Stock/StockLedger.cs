using System.Text.Json;
using Dapper;
using MhSupply.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Stock;

/// <summary>
/// The stock ledger in PostgreSQL: the source of truth for every card, and the read-model rows projected from it. A
/// commit writes the events with a pending-projection marker; the projection writes the rows and clears the marker. So
/// after a crash at any point either the rows cover the ledger or the marker says which facility to project again.
/// </summary>
public sealed class StockLedger(NpgsqlDataSource dataSource)
{
    private const string EventColumns =
        "event_id AS Id, facility, medicine, type, quantity, occurred_at AS OccurredAt, recorded_at AS RecordedAt, reason, credit, lot, expiry, other_facility AS OtherFacility, note, position";

    /// <summary>
    /// Every event of the facility, card by card in ledger order, read as it streams: rebuilding a facility without a
    /// usable snapshot holds one card's lines at a time, not the whole ledger.
    /// </summary>
    public async IAsyncEnumerable<LedgerRow> StreamAsync(string facility,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<LedgerRow>(
            $"SELECT {EventColumns} FROM mh.stock_event WHERE facility = @facility ORDER BY medicine, occurred_at, recorded_at, event_id",
            new { facility });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// What an activation with a snapshot reads, in one statement: the event at the snapshot's position (which must be the
    /// one the snapshot names, else the snapshot is not the ledger's), every event after that position (the tail, in order
    /// of commit), and the lines each of the snapshot's cards holds (those occurring from its held-from instant on, up to
    /// the position; one index range per card). Its cost follows the days held and the events since the snapshot, not the
    /// facility's years.
    /// </summary>
    public async Task<IReadOnlyList<LedgerRow>> SinceSnapshotAsync(string facility, long position,
        IReadOnlyList<(string Medicine, DateTimeOffset HeldFrom)> cards, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LedgerRow>(new CommandDefinition($"""
            SELECT 0 AS Part, {EventColumns} FROM mh.stock_event WHERE facility = @facility AND position = @position
            UNION ALL
            SELECT 1, {EventColumns} FROM mh.stock_event WHERE facility = @facility AND position > @position
            UNION ALL
            SELECT 2, e.* FROM unnest(@medicines, @heldFrom) AS h(medicine, held_from)
            CROSS JOIN LATERAL (SELECT {EventColumns} FROM mh.stock_event
                                WHERE facility = @facility AND medicine = h.medicine AND occurred_at >= h.held_from
                                  AND position <= @position) e
            """, new
            {
                facility,
                position,
                medicines = cards.Select(c => c.Medicine).ToArray(),
                heldFrom = cards.Select(c => c.HeldFrom.UtcDateTime).ToArray(),
            }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The events of the given cards (or all of the facility's cards when null), in ledger order.</summary>
    public async Task<IReadOnlyList<LedgerRow>> LoadAsync(string facility, IReadOnlyCollection<string>? medicines, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = $"SELECT {EventColumns} FROM mh.stock_event WHERE facility = @facility"
            + (medicines is null ? "" : " AND medicine = ANY(@medicines)")
            + " ORDER BY medicine, occurred_at, recorded_at, event_id";
        var rows = await connection.QueryAsync<LedgerRow>(new CommandDefinition(sql,
            new { facility, medicines = medicines?.ToArray() }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Already recorded events among these ids, wherever they were recorded.</summary>
    public async Task<IReadOnlyList<LedgerRow>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LedgerRow>(new CommandDefinition(
            $"SELECT {EventColumns} FROM mh.stock_event WHERE event_id = ANY(@ids)", new { ids = ids.ToArray() },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Appends accepted events, and with <paramref name="markPending"/> the facility's pending-projection marker, in one
    /// transaction: once this returns the events are durable and the marker says the read model has yet to follow.
    /// </summary>
    /// <param name="firstPosition">The facility's position of the first event; the others follow one by one.</param>
    public Task CommitAsync(string facility, string district, string recordedBy, IReadOnlyList<StockEvent> events, long firstPosition,
        bool markPending, CancellationToken cancellationToken = default) =>
        dataSource.ExecuteAtomicallyAsync(markPending
            ? [InsertEvents(facility, recordedBy, events, firstPosition), MarkPending(facility, district)]
            : [InsertEvents(facility, recordedBy, events, firstPosition)], cancellationToken);

    /// <summary>
    /// Writes cards' read-model rows with <paramref name="alsoInTransaction"/> (the alert and due-index changes their figures
    /// call for) and clears the facility's pending marker, atomically: the marker goes only with the rows that cover it.
    /// </summary>
    public Task ProjectAsync(string facility, IReadOnlyList<StockCardRow> cards, IEnumerable<NpgsqlBatchCommand> alsoInTransaction,
        CancellationToken cancellationToken = default)
    {
        var clear = new NpgsqlBatchCommand("DELETE FROM mh.stock_projection_pending WHERE facility = @facility");
        clear.Parameters.AddWithValue("facility", facility);
        return dataSource.ExecuteAtomicallyAsync(cards.Count == 0 ? [.. alsoInTransaction, clear] : [UpsertCards(cards), .. alsoInTransaction, clear],
            cancellationToken);
    }

    /// <summary>Writes read-side rows the facility owns (no ledger line, no marker change) in one transaction.</summary>
    public Task WriteAsync(IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken cancellationToken = default) =>
        commands.Count == 0 ? Task.CompletedTask : dataSource.ExecuteAtomicallyAsync(commands, cancellationToken);

    /// <summary>Whether the facility has committed events its read model does not reflect yet (a projection was cut short).</summary>
    public async Task<bool> IsProjectionPendingAsync(string facility, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM mh.stock_projection_pending WHERE facility = @facility)");
        command.Parameters.AddWithValue("facility", facility);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The lots of the cards' read-model rows: what the lot due-index was last brought in line with.</summary>
    public async Task<IReadOnlyDictionary<string, LotBalance[]>> ProjectedLotsAsync(string facility, IReadOnlyCollection<string> medicines,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Medicine, string Lots)>(new CommandDefinition(
            "SELECT medicine, lots::text FROM mh.stock_card WHERE facility = @facility AND medicine = ANY(@medicines)",
            new { facility, medicines = medicines.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Medicine, r => JsonSerializer.Deserialize<LotBalance[]>(r.Lots, StockCardRow.LotsJson) ?? [], StringComparer.Ordinal);
    }

    private static NpgsqlBatchCommand MarkPending(string facility, string district)
    {
        var command = new NpgsqlBatchCommand(
            "INSERT INTO mh.stock_projection_pending (facility, district) VALUES (@facility, @district) ON CONFLICT (facility) DO NOTHING");
        command.Parameters.AddWithValue("facility", facility);
        command.Parameters.AddWithValue("district", district);
        return command;
    }

    /// <remarks>
    /// The hot statement of every report: positional parameters (Npgsql sends the text as written, no rewriting of
    /// names) and typed arrays (no boxing, no per-element type resolution).
    /// </remarks>
    private static NpgsqlBatchCommand InsertEvents(string facility, string recordedBy, IReadOnlyList<StockEvent> events, long firstPosition)
    {
        // WITH ORDINALITY numbers the rows 1..n in array order: positions first, first + 1, ... without an array of them.
        var command = new NpgsqlBatchCommand("""
            INSERT INTO mh.stock_event (event_id, facility, medicine, type, quantity, occurred_at, recorded_at, reason, lot, expiry,
                                        other_facility, note, credit, recorded_by, position)
            SELECT e.id, $1, e.medicine, e.type, e.quantity, e.occurred_at, e.recorded_at, e.reason, e.lot, e.expiry,
                   e.other_facility, e.note, e.credit, $2, $14 + e.n - 1
            FROM unnest($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $15) WITH ORDINALITY
                 AS e(id, medicine, type, quantity, occurred_at, recorded_at, reason, lot, expiry, other_facility, note, credit, n)
            """);
        var count = events.Count;
        var (ids, medicines, types, quantities) = (new Guid[count], new string[count], new string[count], new int[count]);
        var (occurred, recorded, expiries) = (new DateTime[count], new DateTime[count], new DateOnly?[count]);
        var (reasons, lots, others, notes) = (new string?[count], new string?[count], new string?[count], new string?[count]);
        var credits = new bool?[count];
        for (var i = 0; i < count; i++)
        {
            var e = events[i];
            (ids[i], medicines[i], types[i], quantities[i]) = (e.Id, e.Medicine, e.Type.ToWireName(), e.Quantity);
            (occurred[i], recorded[i], expiries[i]) = (e.OccurredAt.UtcDateTime, e.RecordedAt.UtcDateTime, e.Expiry);
            (reasons[i], lots[i], others[i], notes[i], credits[i]) = (e.Reason, e.Lot, e.OtherFacility, e.Note, e.Credit);
        }
        var p = command.Parameters;
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = facility });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = recordedBy });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = ids });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = medicines });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = types });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = quantities });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = occurred });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = recorded });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = reasons });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = lots });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date, Value = expiries });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = others });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = notes });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = firstPosition });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, Value = credits });
        return command;
    }

    private static NpgsqlBatchCommand UpsertCards(IReadOnlyList<StockCardRow> cards)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO mh.stock_card (facility, medicine, district, region, soh, amc, mos, status, stockout_days_this_month,
                                       projected_stockout_date, suggested_order, last_event_at, lots, as_of, updated_at)
            SELECT c.facility, c.medicine, c.district, c.region, c.soh, c.amc, c.mos, c.status, c.stockout_days,
                   c.projected, c.suggested, c.last_event_at, c.lots::jsonb, c.as_of, now()
            FROM unnest(@facilities, @medicines, @districts, @regions, @sohs, @amcs, @moss, @statuses, @stockout_days,
                        @projected, @suggested, @last_event_at, @lots, @as_of)
                 AS c(facility, medicine, district, region, soh, amc, mos, status, stockout_days, projected, suggested,
                      last_event_at, lots, as_of)
            ON CONFLICT (facility, medicine) DO UPDATE SET
                district = excluded.district, region = excluded.region, soh = excluded.soh, amc = excluded.amc,
                mos = excluded.mos, status = excluded.status, stockout_days_this_month = excluded.stockout_days_this_month,
                projected_stockout_date = excluded.projected_stockout_date, suggested_order = excluded.suggested_order,
                last_event_at = excluded.last_event_at, lots = excluded.lots, as_of = excluded.as_of, updated_at = now()
            """);
        var p = command.Parameters;
        p.AddWithValue("facilities", cards.Select(c => c.Facility).ToArray());
        p.AddWithValue("medicines", cards.Select(c => c.Medicine).ToArray());
        p.AddWithValue("districts", cards.Select(c => c.District).ToArray());
        p.AddWithValue("regions", cards.Select(c => c.Region).ToArray());
        p.AddWithValue("sohs", cards.Select(c => c.Soh).ToArray());
        p.Add(new NpgsqlParameter("amcs", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = cards.Select(c => c.Amc is { } v ? (object)v : DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("moss", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = cards.Select(c => c.Mos is { } v ? (object)v : DBNull.Value).ToArray() });
        p.AddWithValue("statuses", cards.Select(c => c.Status).ToArray());
        p.AddWithValue("stockout_days", cards.Select(c => c.StockoutDaysThisMonth).ToArray());
        p.Add(new NpgsqlParameter("projected", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = cards.Select(c => c.ProjectedStockoutDate is { } d ? (object)d : DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("suggested", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = cards.Select(c => c.SuggestedOrder is { } v ? (object)v : DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("last_event_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = cards.Select(c => c.LastEventAt is { } t ? (object)t.UtcDateTime : DBNull.Value).ToArray() });
        p.AddWithValue("lots", cards.Select(c => JsonSerializer.Serialize(c.Lots, StockCardRow.LotsJson)).ToArray());
        p.AddWithValue("as_of", cards.Select(c => c.AsOf).ToArray());
        return command;
    }

}

/// <summary>A ledger row as read back (Dapper binds to settable properties).</summary>
public sealed class LedgerRow
{
    public Guid Id { get; set; }
    public string Facility { get; set; } = "";
    public string Medicine { get; set; } = "";
    public string Type { get; set; } = "";
    public int Quantity { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? Reason { get; set; }
    public string? Lot { get; set; }
    public DateOnly? Expiry { get; set; }
    public string? OtherFacility { get; set; }
    public string? Note { get; set; }

    /// <summary>An adjustment's sign as accepted (null for every other type).</summary>
    public bool? Credit { get; set; }

    /// <summary>The facility's number of the event: 1 for its first, in order of commit.</summary>
    public long Position { get; set; }

    /// <summary>Which part of <see cref="StockLedger.SinceSnapshotAsync"/> the row answers (0 when not asked).</summary>
    public int Part { get; set; }

    public StockEvent ToEvent() => new(Id, Medicine, WireNames.Parse<StockEventType>(Type), Quantity, OccurredAt, RecordedAt,
        Reason, Lot, Expiry, OtherFacility, Note, Credit);
}
