using Dapper;
using MhSupply.Persistence;
using Npgsql;

namespace MhSupply.Alerts;

/// <summary>Reads alerts for inboxes and records people's actions on them (acknowledge), with history.</summary>
public sealed class AlertStore(NpgsqlDataSource dataSource)
{
    /// <param name="Referrals">Whose referrals the caller may read (ReferralAccessPolicy.ReachOf): an alert about a referral is
    /// listed only to them, whatever its facility or district.</param>
    public sealed record Filter(
        IReadOnlyCollection<string>? Districts,
        IReadOnlyCollection<string>? Facilities,
        MhSupply.Referrals.ReferralReach Referrals,
        string? Status,
        string? Kind,
        string? Facility,
        string? District,
        long Offset,
        int Limit);

    public sealed class AlertRow
    {
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Facility { get; set; }
        public string? District { get; set; }
        public Guid? Referral { get; set; }
        public string? Medicine { get; set; }
        public string? Lot { get; set; }
        public DateTimeOffset RaisedAt { get; set; }
        public DateTimeOffset? AcknowledgedAt { get; set; }
        public string? AcknowledgedBy { get; set; }
        public string? AcknowledgementNote { get; set; }
        public DateTimeOffset? ResolvedAt { get; set; }
        public DateTimeOffset? EscalatedAt { get; set; }
        public string Message { get; set; } = "";

        /// <summary>The template of <see cref="Message"/> (AlertMessages.Codes), null for words with none.</summary>
        public string? MessageCode { get; set; }

        /// <summary>What fills the template, as stored: a JSON object of codes, numbers and ISO days.</summary>
        public string MessageParams { get; set; } = "{}";
    }

    public sealed class ChangeRow
    {
        public string Change { get; set; } = "";
        public DateTimeOffset At { get; set; }
        public string Actor { get; set; } = "";
        public string? Note { get; set; }
    }

    private const string Columns = """
        id, kind, subject, status, facility, district, referral, medicine, lot, raised_at AS RaisedAt, acknowledged_at AS AcknowledgedAt,
        acknowledged_by AS AcknowledgedBy, resolved_at AS ResolvedAt, escalated_at AS EscalatedAt, message,
        message_code AS MessageCode, message_params::text AS MessageParams,
        (SELECT c.note FROM mh.alert_change c WHERE c.alert_id = mh.alert.id AND c.change = 'acknowledged' ORDER BY c.id DESC LIMIT 1)
            AS AcknowledgementNote
        """;

    /// <summary>Open first, newest first: the order of an inbox.</summary>
    public async Task<(IReadOnlyList<AlertRow> Items, long Total)> ListAsync(Filter filter, CancellationToken cancellationToken = default)
    {
        var where = $"""
            WHERE ((referral IS NULL AND {ScopeFilter.Covers("district", "facility")})
                   OR (referral IS NOT NULL AND EXISTS (SELECT 1 FROM mh.referral r WHERE r.id = mh.alert.referral
                                                        AND {MhSupply.Referrals.ReferralReachSql.Covers("r")})))
              AND (@status::text IS NULL OR status = @status)
              AND (@kind::text IS NULL OR kind = @kind)
              AND (@facility::text IS NULL OR facility = @facility)
              AND (@district::text IS NULL OR district = @district)
            """;
        var args = MhSupply.Referrals.ReferralReachSql.AddTo(ScopeFilter.AddTo(new DynamicParameters(new
        {
            filter.Status,
            filter.Kind,
            filter.Facility,
            filter.District,
            offset = filter.Offset,
            limit = filter.Limit,
        }), filter.Districts, filter.Facilities), filter.Referrals);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM mh.alert {where}", args,
            cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition($"""
            SELECT {Columns} FROM mh.alert {where}
            ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END, raised_at DESC, id
            OFFSET @offset LIMIT @limit
            """, args, cancellationToken: cancellationToken));
        return (rows.AsList(), total);
    }

    public async Task<(AlertRow Alert, IReadOnlyList<ChangeRow> History)?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var alert = await connection.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(
            $"SELECT {Columns} FROM mh.alert WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        if (alert is null)
        {
            return null;
        }
        var history = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            "SELECT change, at, actor, note FROM mh.alert_change WHERE alert_id = @id ORDER BY id", new { id },
            cancellationToken: cancellationToken));
        return (alert, history.AsList());
    }
}
