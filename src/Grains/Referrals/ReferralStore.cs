using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Referrals;

/// <summary>
/// Writes a referral's step to PostgreSQL in one transaction: the snapshot row (read model), the history row,
/// follow-ups, contact details, deadlines in the due-index, and the alerts the step resolves or raises.
/// </summary>
public sealed class ReferralStore(NpgsqlDataSource dataSource)
{
    internal static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    private static readonly string[] ReferralAlertKinds = ["referral_not_accepted", "appointment_missed", "back_referral_overdue"];

    public async Task<(int Version, ReferralState? State)> LoadSnapshotAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(int Version, string Snapshot)?>(new CommandDefinition(
            "SELECT version, snapshot::text FROM mh.referral WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is { } r ? (r.Version, JsonSerializer.Deserialize<ReferralState>(r.Snapshot, SnapshotJson)) : (0, null);
    }

    /// <summary>Commits the step; false when the stored version moved on meanwhile (the caller reloads and re-decides).</summary>
    public async Task<bool> CommitAsync(ReferralChange change, CancellationToken cancellationToken = default)
    {
        var s = change.State;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.referral AS r (id, version, status, status_at, patient_code, patient_sex, patient_birth_year, from_facility,
                to_facility, to_service, district, reason, urgency, consent, appointment_at, created_at, created_by, due_kind, due_at,
                due_reason, snapshot, updated_at)
            VALUES (@id, @Version, @Status, @StatusAt, @PatientCode, @Sex, @BirthYear, @FromFacility, @ToFacility, @ToService, @District,
                @Reason, @Urgency, @Consent, @AppointmentAt, @CreatedAt, @CreatedBy, @dueKind, @dueAt, @dueReason, @snapshot::jsonb, @recordedAt)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, status = excluded.status, status_at = excluded.status_at,
                to_facility = excluded.to_facility, appointment_at = excluded.appointment_at, due_kind = excluded.due_kind,
                due_at = excluded.due_at, due_reason = excluded.due_reason, snapshot = excluded.snapshot, updated_at = excluded.updated_at
            WHERE r.version = excluded.version - 1
            """, new
        {
            id = change.ReferralId, s.Version, s.Status, s.StatusAt, s.PatientCode, s.Sex, s.BirthYear, s.FromFacility, s.ToFacility,
            s.ToService, s.District, s.Reason, s.Urgency, s.Consent, s.AppointmentAt, s.CreatedAt, s.CreatedBy,
            dueKind = change.Deadline?.AlertKind, dueAt = change.Deadline?.DueAt, dueReason = change.Deadline?.Reason,
            snapshot = JsonSerializer.Serialize(s, SnapshotJson), recordedAt = change.RecordedAt,
        }, transaction, cancellationToken: cancellationToken));
        if (written == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.referral_history (referral_id, version, action, status, at, recorded_at, by, capacity, reason, details)
            VALUES (@id, @version, @action, @status, @at, @recordedAt, @by, @capacity, @reason, @details::jsonb);
            INSERT INTO mh.referral_audit (referral_id, at, actor, role, action, client_address) VALUES (@id, @recordedAt, @by, @capacity, @action, @client);
            """, new
        {
            id = change.ReferralId, version = s.Version, action = change.Action, status = s.Status, at = change.At,
            recordedAt = change.RecordedAt, by = change.By, capacity = change.Capacity, reason = change.Reason,
            details = change.Details is null ? null : JsonSerializer.Serialize(change.Details, SnapshotJson),
            client = change.ClientAddress,
        }, transaction, cancellationToken: cancellationToken));

        if (change.NameEncrypted is not null || change.PhoneEncrypted is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO mh.referral_contact (referral_id, name_enc, phone_enc) VALUES (@id, @name, @phone)
                ON CONFLICT (referral_id) DO UPDATE SET name_enc = excluded.name_enc, phone_enc = excluded.phone_enc
                """, new { id = change.ReferralId, name = change.NameEncrypted, phone = change.PhoneEncrypted }, transaction,
                cancellationToken: cancellationToken));
        }

        foreach (var f in change.FollowUpsChanged)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO mh.follow_up (id, referral_id, seq, due_at, status, attended_at, missed_at, missed_reason, promised_date, traced_at, outcome)
                VALUES (@Id, @referral, @Seq, @DueAt, @Status, @AttendedAt, @MissedAt, @MissedReason, @promised, @TracedAt, @Outcome)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, attended_at = excluded.attended_at, missed_at = excluded.missed_at,
                    missed_reason = excluded.missed_reason, promised_date = excluded.promised_date, traced_at = excluded.traced_at,
                    outcome = excluded.outcome
                """, new
            {
                f.Id, referral = change.ReferralId, f.Seq, f.DueAt, f.Status, f.AttendedAt, f.MissedAt, f.MissedReason,
                promised = f.PromisedDate?.ToDateTime(TimeOnly.MinValue), f.TracedAt, f.Outcome,
            }, transaction, cancellationToken: cancellationToken));
        }

        await WriteDeadlinesAndAlerts(connection, transaction, change, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task WriteDeadlinesAndAlerts(NpgsqlConnection connection, NpgsqlTransaction transaction, ReferralChange change,
        CancellationToken cancellationToken)
    {
        var s = change.State;
        var now = change.RecordedAt;
        var receiving = s.ToFacility ?? s.FromFacility;
        // The step happened: alerts about the step the referral was waiting for resolve.
        if (change.StatusChanged)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                WITH resolved AS (
                    UPDATE mh.alert SET status = 'resolved', resolved_at = @now
                    WHERE referral = @id AND kind = ANY(@kinds) AND status <> 'resolved'
                    RETURNING id)
                INSERT INTO mh.alert_change (alert_id, change, at, actor) SELECT id, 'resolved', @now, @by FROM resolved
                """, new { id = change.ReferralId, kinds = ReferralAlertKinds, now, by = change.By }, transaction,
                cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(change.Deadline is null
                ? "DELETE FROM mh.due_item WHERE kind = 'referral_due' AND subject = @subject"
                : """
                  INSERT INTO mh.due_item (kind, subject, due_at, facility, district, referral, alert_kind, message)
                  VALUES ('referral_due', @subject, @dueAt, @facility, @district, @id, @alertKind, @message)
                  ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at, facility = excluded.facility,
                      alert_kind = excluded.alert_kind, message = excluded.message
                  """,
            new
            {
                subject = change.ReferralId.ToString(), id = change.ReferralId, dueAt = change.Deadline?.DueAt, facility = receiving,
                district = s.District, alertKind = change.Deadline?.AlertKind,
                message = change.Deadline is null ? null : $"Referral {change.ReferralId} ({s.Urgency}, {s.PatientCode}): {change.Deadline.Reason}",
            }, transaction, cancellationToken: cancellationToken));

        foreach (var (f, deadline) in change.FollowUpDeadlines)
        {
            var subject = f.Id.ToString();
            if (f.Status is "attended" or "traced")
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    WITH resolved AS (
                        UPDATE mh.alert SET status = 'resolved', resolved_at = @now
                        WHERE kind = 'follow_up_missed' AND subject = @subject AND status <> 'resolved' RETURNING id)
                    INSERT INTO mh.alert_change (alert_id, change, at, actor) SELECT id, 'resolved', @now, @by FROM resolved
                    """, new { subject, now, by = change.By }, transaction, cancellationToken: cancellationToken));
            }
            await connection.ExecuteAsync(new CommandDefinition(deadline is null
                    ? "DELETE FROM mh.due_item WHERE kind = 'follow_up_due' AND subject = @subject"
                    : """
                      INSERT INTO mh.due_item (kind, subject, due_at, facility, district, referral, alert_kind, message, escalation)
                      VALUES ('follow_up_due', @subject, @dueAt, @facility, @district, @id, @alertKind, @message, @escalation)
                      ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at, alert_kind = excluded.alert_kind,
                          message = excluded.message, escalation = excluded.escalation
                      """,
                new
                {
                    subject, dueAt = deadline?.DueAt, facility = s.FromFacility, district = s.District, id = change.ReferralId,
                    alertKind = deadline?.AlertKind, escalation = deadline?.Escalation ?? false,
                    message = deadline is null ? null
                        : $"Follow-up {f.Seq} of referral {change.ReferralId} ({s.PatientCode}), due {f.DueAt:yyyy-MM-dd}: {deadline.Reason}",
                }, transaction, cancellationToken: cancellationToken));
        }

        if (change.UnavailableMedicines is { Count: > 0 } unavailable && change.ReceivingFacilityForStock is { } phc)
        {
            await using var command = new NpgsqlCommand("""
                WITH raised AS (
                    INSERT INTO mh.alert (id, kind, subject, facility, district, medicine, referral, status, message, raised_at)
                    SELECT gen_random_uuid(), 'prescribed_item_unavailable', @referral || '/' || m, @phc, f.district, m, @referral_id, 'open',
                           'Back-referral ' || @referral || ' prescribes ' || m || ', which ' || @phc || ' has at zero or below its emergency order point.',
                           @now
                    FROM unnest(@medicines) AS m CROSS JOIN mh.facility f WHERE f.id = @phc
                    ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                    RETURNING id)
                INSERT INTO mh.alert_change (alert_id, change, at, actor) SELECT id, 'raised', @now, @by FROM raised
                """, connection, transaction);
            command.Parameters.AddWithValue("referral", change.ReferralId.ToString());
            command.Parameters.AddWithValue("referral_id", change.ReferralId);
            command.Parameters.AddWithValue("phc", phc);
            command.Parameters.AddWithValue("medicines", NpgsqlDbType.Array | NpgsqlDbType.Text, unavailable.ToArray());
            command.Parameters.AddWithValue("now", now.UtcDateTime);
            command.Parameters.AddWithValue("by", change.By);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Prescribed medicines the PHC cannot supply now: no card, stock on hand 0, or below the emergency order point
    /// (read model of the stock cards, as of their last change).
    /// </summary>
    public async Task<IReadOnlyList<string>> UnavailableAtAsync(string facility, IReadOnlyCollection<string> medicines,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var available = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT medicine FROM mh.stock_card
            WHERE facility = @facility AND medicine = ANY(@medicines) AND soh > 0 AND status NOT IN ('stocked_out', 'below_eop')
            """, new { facility, medicines = medicines.ToArray() }, cancellationToken: cancellationToken));
        var ok = available.ToHashSet(StringComparer.Ordinal);
        return medicines.Where(m => !ok.Contains(m)).Distinct().ToList();
    }
}
