using System.Text.Json;
using MhSupply.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Alerts;

/// <summary>
/// Every write to mh.alert, mh.alert_change and mh.due_item, as statements for the caller's transaction: a stock
/// projection, a referral step, an alert scan batch and an acknowledgement each commit theirs with what they write
/// besides, so an alert never disagrees with the change that raised or resolved it. Each change of an alert's status
/// is recorded in alert_change with who made it and when; each raised alert gets its escalation due. The files of this
/// class hold the statements by caller: conditions (card and subject alerts), the due-index, referral steps, the scan.
/// </summary>
public static partial class AlertWriter
{
    /// <summary>Open → acknowledged, recorded with who, when and the note; affects one row, or none when not open.</summary>
    public static NpgsqlBatchCommand Acknowledge(Guid id, string actor, string? note, DateTimeOffset at) => new NpgsqlBatchCommand("""
            WITH acknowledged AS (
                UPDATE mh.alert SET status = 'acknowledged', acknowledged_at = @at, acknowledged_by = @actor
                WHERE id = @id AND status = 'open'
                RETURNING id)
            INSERT INTO mh.alert_change (alert_id, change, at, actor, note) SELECT id, 'acknowledged', @at, @actor, @note FROM acknowledged
            """)
        .With("id", id)
        .With("at", at)
        .With("actor", actor)
        .Text("note", note);

    /// <summary>
    /// A notification about an alert reached its channel: marks the outbox row delivered and records "notified" in the
    /// alert's history with the channel and target, in one statement, so the history never claims an undelivered message.
    /// </summary>
    public static NpgsqlBatchCommand Notified(long outboxId, int attempts, DateTimeOffset at) => new NpgsqlBatchCommand("""
            WITH done AS (
                UPDATE mh.outbox SET status = 'delivered', delivered_at = @at, attempts = @attempts, lease_until = NULL, last_error = NULL
                WHERE id = @id RETURNING alert_id, channel, target)
            INSERT INTO mh.alert_change (alert_id, change, at, actor)
            SELECT alert_id, 'notified', @at, channel || ':' || target FROM done
            """)
        .With("id", outboxId)
        .With("attempts", attempts)
        .With("at", at);

    /// <summary>Resolves the open alerts <paramref name="condition"/> selects (its parameters added by the caller), recording each.</summary>
    private static NpgsqlBatchCommand ResolveOpen(string condition, DateTimeOffset at, string actor) => new NpgsqlBatchCommand($"""
            WITH resolved AS (
                UPDATE mh.alert SET status = 'resolved', resolved_at = @at
                WHERE {condition} AND status <> 'resolved'
                RETURNING id)
            INSERT INTO mh.alert_change (alert_id, change, at, actor) SELECT id, 'resolved', @at, @actor FROM resolved
            """)
        .With("at", at)
        .With("actor", actor);

    /// <summary>
    /// The CTE that schedules the escalation of every alert in <c>raised</c>: due at <paramref name="dueAt"/> (an SQL
    /// expression over raised's columns), unless one is already due.
    /// </summary>
    private static string EscalationOfRaised(string dueAt) => $"""
        escalation AS (
            INSERT INTO mh.due_item (kind, subject, due_at, alert_id)
            SELECT 'escalate', id::text, {dueAt}, id FROM raised
            ON CONFLICT (kind, subject) DO NOTHING
        )
        """;

    /// <summary>Removes the due-index row of (kind, subject), if any.</summary>
    private static NpgsqlBatchCommand ClearDue(string kind, string subject) =>
        new NpgsqlBatchCommand("DELETE FROM mh.due_item WHERE kind = @kind AND subject = @subject").With("kind", kind).With("subject", subject);

    /// <summary>An alert text's parameters as stored (mh.alert.message_params, mh.due_item.message_params): a JSON object.</summary>
    internal static string ParamsJson(AlertText? text) => text is null ? "{}" : JsonSerializer.Serialize(text.Params);

    private static NpgsqlBatchCommand WithParams(this NpgsqlBatchCommand command, string name, AlertText text)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = ParamsJson(text) });
        return command;
    }

    private static NpgsqlBatchCommand WithTexts(this NpgsqlBatchCommand command, string messages, string codes, string parameters,
        IReadOnlyList<AlertText> texts)
    {
        AddTexts(command.Parameters, messages, codes, parameters, texts);
        return command;
    }

    /// <summary>Adds the English words, codes and parameters of <paramref name="texts"/> as three arrays, for an unnest.</summary>
    private static void AddTexts(NpgsqlParameterCollection p, string messages, string codes, string parameters, IReadOnlyList<AlertText> texts)
    {
        p.AddWithValue(messages, texts.Select(t => t.Message).ToArray());
        p.Add(new NpgsqlParameter(codes, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts.Select(t => (object?)t.Code ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter(parameters, NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = texts.Select(t => ParamsJson(t)).ToArray() });
    }
}
