using Dapper;
using MhSupply.Privacy;
using Npgsql;

namespace MhSupply.Notifications;

/// <summary>Writes alert subscriptions (the subscription grain's store); a webhook's secret is sealed before it is stored.</summary>
public sealed class SubscriptionWriter(NpgsqlDataSource dataSource, SecretProtector secrets)
{
    public async Task CreateAsync(Guid id, NewSubscription s, string? secret, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.subscription (id, channel, target, secret_sealed, facility, district, role, kinds, active, created_at, created_by, language)
            VALUES (@id, @Channel, @Target, @sealedSecret, @Facility, @District, @Role, @Kinds, true, @CreatedAt, @CreatedBy, @Language)
            """, new
            {
                id, s.Channel, s.Target, sealedSecret = secret is null ? null : secrets.Seal(secret, id), s.Facility, s.District, s.Role,
                s.Kinds, s.CreatedAt, s.CreatedBy, s.Language,
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Stops future deliveries; pending ones are kept (and still sent): they were due when the change happened.</summary>
    public async Task DeactivateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE mh.subscription SET active = false WHERE id = @id", new { id },
            cancellationToken: cancellationToken));
    }
}
