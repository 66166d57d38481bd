using Dapper;
using Npgsql;

namespace MhSupply.Sms;

/// <summary>The inbound SMS store (mh.sms_inbound) and what a message is read against: reporter phones and short codes.</summary>
public sealed class SmsInboxStore(NpgsqlDataSource dataSource)
{
    public sealed record Message(DateTimeOffset ReceivedAt, string? Reply, string? Outcome, string? Facility);

    public sealed record Reporter(string Facility, string FacilityName, string Name, string Language);

    public sealed record Code(string ShortCode, string Medicine, string Name, string Strength);

    /// <summary>
    /// Records the message when it is new and answers its row: the first arrival's time (the time of its counts when the
    /// text names no date, so a resent message makes the very same events) and, once answered, its reply.
    /// </summary>
    public async Task<Message> ClaimAsync(string messageId, InboundSms sms, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<Message>(new CommandDefinition("""
            WITH ins AS (
                INSERT INTO mh.sms_inbound (message_id, sender, text, received_at) VALUES (@messageId, @From, @Text, @now)
                ON CONFLICT (message_id) DO NOTHING
                RETURNING received_at, reply, outcome, facility)
            SELECT received_at AS ReceivedAt, reply, outcome, facility FROM ins
            UNION ALL
            SELECT received_at, reply, outcome, facility FROM mh.sms_inbound WHERE message_id = @messageId
            LIMIT 1
            """, new { messageId, sms.From, sms.Text, now = now.UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async Task AnswerAsync(string messageId, SmsReply reply, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mh.sms_inbound SET reply = @Text, outcome = @Outcome, facility = @Facility WHERE message_id = @messageId",
            new { messageId, reply.Text, reply.Outcome, reply.Facility }, cancellationToken: cancellationToken));
    }

    public async Task<Reporter?> FindReporterAsync(string phone, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Reporter>(new CommandDefinition("""
            SELECT r.facility, f.name AS FacilityName, r.name, r.language FROM mh.sms_reporter r JOIN mh.facility f ON f.id = r.facility
            WHERE r.phone = @phone AND r.active AND f.active
            """, new { phone }, cancellationToken: cancellationToken));
    }

    /// <summary>The short codes of medicines on the list and not retired, by code.</summary>
    public async Task<IReadOnlyList<Code>> CodesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Code>(new CommandDefinition("""
            SELECT c.code AS ShortCode, m.code AS Medicine, m.name, m.strength FROM mh.sms_code c JOIN mh.medicine m ON m.code = c.medicine
            WHERE m.retired_at IS NULL ORDER BY c.code
            """, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task PutReporterAsync(string phone, SmsReporter reporter, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.sms_reporter (phone, facility, name, language, active, updated_at, updated_by)
            VALUES (@phone, @Facility, @Name, @Language, true, @At, @By)
            ON CONFLICT (phone) DO UPDATE SET facility = excluded.facility, name = excluded.name, language = excluded.language, active = true,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { phone, reporter.Facility, reporter.Name, reporter.Language, At = reporter.At.UtcDateTime, reporter.By }, cancellationToken: cancellationToken));
    }

    public async Task<bool> RemoveReporterAsync(string phone, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE mh.sms_reporter SET active = false, updated_at = @at, updated_by = @by WHERE phone = @phone AND active
            """, new { phone, by, at = at.UtcDateTime }, cancellationToken: cancellationToken)) > 0;
    }
}
