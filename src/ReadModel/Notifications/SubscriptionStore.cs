using Dapper;
using MhSupply.Persistence;
using MhSupply.Privacy;
using Npgsql;

namespace MhSupply.Notifications;

/// <summary>
/// Who receives alert changes by e-mail, webhook or SMS, scoped to a facility, a district or everything. A webhook's secret is
/// sealed here before it is written and is never read back by the store: only the delivery job opens it, to sign.
/// </summary>
public sealed class SubscriptionStore(NpgsqlDataSource dataSource)
{
    public sealed class Subscription
    {
        public Guid Id { get; set; }
        public string Channel { get; set; } = "";
        public string Target { get; set; } = "";
        public string? Facility { get; set; }
        public string? District { get; set; }
        public string? Role { get; set; }
        public string[] Kinds { get; set; } = [];
        public bool Active { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string CreatedBy { get; set; } = "";
        public string Language { get; set; } = MhSupply.Alerts.AlertLanguages.Default;
    }

    private const string Columns = "id, channel, target, facility, district, role, kinds, active, created_at AS CreatedAt, created_by AS CreatedBy, language";

    /// <summary>
    /// Subscriptions visible to a caller: all (both null) or those of the given districts or naming the given facilities. A
    /// subscription is in the district it names, or in its facility's (the API sets one of them, never both).
    /// </summary>
    public async Task<IReadOnlyList<Subscription>> ListAsync(IReadOnlyCollection<string>? districts, CancellationToken cancellationToken = default,
        IReadOnlyCollection<string>? facilities = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Subscription>(new CommandDefinition($"""
            SELECT {Columns} FROM mh.subscription s
            WHERE {ScopeFilter.Covers("COALESCE(s.district, (SELECT f.district FROM mh.facility f WHERE f.id = s.facility))", "s.facility")}
            ORDER BY created_at, id
            """, ScopeFilter.AddTo(new DynamicParameters(), districts, facilities), cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<Subscription?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Subscription>(new CommandDefinition(
            $"SELECT {Columns} FROM mh.subscription WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }
}
