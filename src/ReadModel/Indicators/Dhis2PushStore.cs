using System.Text.Json;
using Dapper;
using Npgsql;

namespace MhSupply.Indicators;

/// <summary>The pushes to DHIS2 (mh.dhis2_push, migration 0177) as the ledger holds them; the server's push job writes them.</summary>
public sealed class Dhis2PushStore(NpgsqlDataSource dataSource)
{
    internal const string Columns = """
        id, period, org_unit AS OrgUnit, org_unit_uid AS OrgUnitUid, forced, requested_by AS RequestedBy, state, status,
        data_values AS DataValues, imported, updated, ignored, deleted, conflicts::text AS Conflicts, attempts, error,
        created_at AS CreatedAt, attempted_at AS AttemptedAt, finished_at AS FinishedAt, next_attempt_at AS NextAttemptAt
        """;

    /// <summary>The newest pushes first (the last <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<Dhis2PushRecord>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM mh.dhis2_push ORDER BY created_at DESC, id DESC LIMIT @limit", new { limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<Dhis2PushRecord?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM mh.dhis2_push WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>What the ledger knows of a period's pushes for a place: the pending one, and whether DHIS2 took or was sent any.</summary>
    public async Task<Dhis2PushHistory> HistoryAsync(string period, string orgUnit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long? PendingId, DateTime? RetryAt, long? AcceptedId, long? LastId)>(new CommandDefinition("""
            SELECT (SELECT id FROM mh.dhis2_push WHERE period = @period AND org_unit = @orgUnit AND state = 'pending'),
                   (SELECT next_attempt_at FROM mh.dhis2_push WHERE period = @period AND org_unit = @orgUnit AND state = 'pending'),
                   (SELECT max(id) FROM mh.dhis2_push WHERE period = @period AND org_unit = @orgUnit AND state = 'delivered' AND status IN ('SUCCESS', 'WARNING')),
                   (SELECT max(id) FROM mh.dhis2_push WHERE period = @period AND org_unit = @orgUnit)
            """, new { period, orgUnit }, cancellationToken: cancellationToken));
        return new Dhis2PushHistory(row.PendingId, row.RetryAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null, row.AcceptedId, row.LastId);
    }

    /// <summary>The pending pushes whose back-off has passed, oldest first.</summary>
    public async Task<IReadOnlyList<Dhis2PushRecord>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM mh.dhis2_push WHERE state = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id",
            new { now = now.UtcDateTime }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    private sealed record Row(long Id, string Period, string OrgUnit, string? OrgUnitUid, bool Forced, string RequestedBy, string State, string? Status,
        int DataValues, int? Imported, int? Updated, int? Ignored, int? Deleted, string Conflicts, int Attempts, string? Error,
        DateTime CreatedAt, DateTime? AttemptedAt, DateTime? FinishedAt, DateTime? NextAttemptAt)
    {
        public Dhis2PushRecord ToRecord() => new(Id, Period, OrgUnit, OrgUnitUid, Forced, RequestedBy, State, Status, DataValues,
            Imported is null ? null : new Dhis2PushImportCount(Imported.Value, Updated ?? 0, Ignored ?? 0, Deleted ?? 0),
            JsonSerializer.Deserialize<List<Dhis2PushConflict>>(Conflicts, Json) ?? [], Attempts, Error,
            Utc(CreatedAt), AttemptedAt is { } a ? Utc(a) : null, FinishedAt is { } f ? Utc(f) : null, NextAttemptAt is { } n ? Utc(n) : null);

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
