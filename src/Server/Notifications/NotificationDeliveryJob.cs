using MhSupply.Persistence;
using MhSupply.Alerts;
using Dapper;
using MhSupply.Hosting;
using MhSupply.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Notifications;

/// <summary>
/// "notification-delivery": sends what the outbox holds and is due. Each row is one (alert change, subscription):
/// leased so two runners never send it at once, marked delivered only after the channel took it, retried with
/// exponential back-off otherwise, so a mail server or webhook receiver that was down receives everything once it is back.
/// A crash between the channel taking a delivery and our mark can repeat it: receivers dedupe on the delivery id
/// (X-MhSupply-Delivery header, e-mail Message-Id). A delivery the channel refuses for good (an SMS gateway's 4xx) is
/// given up at once with the reason in last_error.
/// </summary>
public sealed class NotificationDeliveryJob(
    NpgsqlDataSource dataSource,
    ChannelSenders senders,
    MhSupply.Stock.StockProjectionCatchUp stockProjection,
    IOptions<NotificationOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<NotificationDeliveryJob> logger) : IRecurringJob
{
    public const string JobName = JobNames.NotificationDelivery;

    public string Name => JobName;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        int delivered = 0, failed = 0, dead = 0;
        // Stock alerts are raised when a report is projected, a moment after its commit: deliver those of this moment too.
        await stockProjection.CatchUpAllAsync(cancellationToken);
        for (var round = 0; round < 1000; round++)
        {
            var now = clock.GetUtcNow();
            var batch = await Lease(now, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            var outcomes = await Task.WhenAll(batch.Select(item => Deliver(item, now, cancellationToken)));
            delivered += outcomes.Count(o => o == "delivered");
            failed += outcomes.Count(o => o == "retry");
            dead += outcomes.Count(o => o == "dead");
            if (batch.Count < options.Value.BatchSize)
            {
                break;
            }
        }
        return $"{delivered} delivered, {failed} to retry, {dead} given up";
    }

    private async Task<IReadOnlyList<OutboxItem>> Lease(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxItem>(new CommandDefinition("""
            UPDATE mh.outbox o SET lease_until = @lease
            FROM mh.subscription s
            WHERE s.id = o.subscription_id AND o.id IN (
                SELECT id FROM mh.outbox
                WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED)
            RETURNING o.id, o.idempotency_key AS IdempotencyKey, o.channel, o.target, o.subscription_id AS SubscriptionId,
                      s.secret_sealed AS SealedSecret, o.payload::text AS Payload, o.attempts, s.language
            """, new { now = now.UtcDateTime, lease = now.AddMinutes(5).UtcDateTime, limit = options.Value.BatchSize },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private async Task<string> Deliver(OutboxItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? error = null;
        var refused = false;
        try
        {
            await senders.SendAsync(item, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = e.Message;
            refused = e is DeliveryRefusedException;
        }
        var attempts = item.Attempts + 1;
        if (error is null)
        {
            await dataSource.ExecuteAtomicallyAsync([AlertWriter.Notified(item.Id, attempts, now)], cancellationToken);
            return "delivered";
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var giveUp = refused || attempts >= options.Value.MaxAttempts;
        logger.LogWarning("Delivery {Key} on {Channel} failed (attempt {Attempt}): {Error}", item.IdempotencyKey, item.Channel, attempts, error);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE mh.outbox SET attempts = @attempts, last_error = @error, lease_until = NULL,
                   status = CASE WHEN @giveUp THEN 'dead' ELSE 'pending' END, next_attempt_at = @next
            WHERE id = @id
            """, new { id = item.Id, attempts, error, giveUp, next = (now + options.Value.RetryAfter(attempts)).UtcDateTime },
            cancellationToken: cancellationToken));
        return giveUp ? "dead" : "retry";
    }
}
