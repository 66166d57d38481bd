using System.Text.Json;
using Dapper;
using Npgsql;
using MhSupply.Alerts;
using MhSupply.Persistence;
using NpgsqlTypes;

namespace MhSupply.Referrals;

/// <summary>
/// Writes a referral's step to PostgreSQL in one transaction: the snapshot row (read model), the history row,
/// follow-ups, contact details, deadlines in the due-index, and the alerts the step resolves or raises.
/// </summary>
public sealed class ReferralStore(NpgsqlDataSource dataSource, ReferralQueries queries)
{
    /// <summary>The referral as last committed, read as its readers read it (<see cref="ReferralQueries.RecordAsync"/>).</summary>
    public Task<ReferralRecord> LoadAsync(Guid id, CancellationToken cancellationToken = default) => queries.RecordAsync(id, cancellationToken);

    /// <summary>Commits the step; false when the stored version moved on meanwhile (the caller reloads and re-decides).</summary>
    /// <remarks>
    /// Every statement of the step goes in one batch: one round trip, run by PostgreSQL as one implicit transaction, so
    /// a failure anywhere rolls back all of it. The first statement refuses (SQLSTATE MHV01, migration 0080) when the
    /// stored version is not the one this step was decided on; nothing of the step is then written.
    /// </remarks>
    public async Task<bool> CommitAsync(ReferralChange change, CancellationToken cancellationToken = default)
    {
        try
        {
            await dataSource.ExecuteAtomicallyAsync(StepCommands(change), cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == StaleVersion)
        {
            return false;
        }
    }

    private const string StaleVersion = "MHV01";

    private static IEnumerable<NpgsqlBatchCommand> StepCommands(ReferralChange change)
    {
        var s = change.State;
        var referral = Sql("""
            WITH written AS (
                INSERT INTO mh.referral AS r (id, version, status, status_at, patient_code, patient_sex, patient_birth_year, from_facility,
                    to_facility, to_service, district, reason, urgency, consent, appointment_at, created_at, created_by, due_kind, due_at,
                    due_reason, snapshot, updated_at, from_district, consent_community, consent_facilities, first_seen_at, back_referred_at)
                VALUES (@id, @version, @status, @status_at, @patient_code, @sex, @birth_year, @from_facility, @to_facility, @to_service,
                    @district, @reason, @urgency, @consent, @appointment_at, @created_at, @created_by, @due_kind, @due_at, @due_reason,
                    @snapshot::jsonb, @recorded_at, @from_district, @consent_community, @consent_facilities,
                    CASE WHEN @status = 'in_progress' THEN @status_at END, @back_referred_at)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, status = excluded.status, status_at = excluded.status_at,
                    to_facility = excluded.to_facility, consent = excluded.consent, consent_community = excluded.consent_community,
                    consent_facilities = excluded.consent_facilities, from_district = excluded.from_district, appointment_at = excluded.appointment_at, due_kind = excluded.due_kind,
                    due_at = excluded.due_at, due_reason = excluded.due_reason, snapshot = excluded.snapshot, updated_at = excluded.updated_at,
                    -- The indicators count from the first attendance (migration 0175): a later start after a hold keeps it.
                    first_seen_at = coalesce(r.first_seen_at, excluded.first_seen_at), back_referred_at = excluded.back_referred_at
                WHERE r.version = excluded.version - 1
                RETURNING 1)
            SELECT mh.expect_written((SELECT count(*) FROM written), @id::text)
            """)
            .With("id", change.ReferralId)
            .With("version", s.Version)
            .With("status", s.Status)
            .With("status_at", s.StatusAt)
            .With("patient_code", s.PatientCode)
            .With("sex", s.Sex)
            .With("birth_year", s.BirthYear)
            .With("from_facility", s.FromFacility)
            .Text("to_facility", s.ToFacility)
            .Text("to_service", s.ToService)
            .With("district", s.District)
            .With("reason", s.Reason)
            .With("urgency", s.Urgency)
            .With("consent", s.Consent)
            .With("consent_community", s.ConsentCommunity)
            .With("consent_facilities", s.ConsentFacilities.ToArray())
            .With("from_district", s.FromDistrict)
            .Time("appointment_at", s.AppointmentAt)
            .Time("back_referred_at", s.BackReferralSentAt)
            .With("created_at", s.CreatedAt)
            .With("created_by", s.CreatedBy)
            .Text("due_kind", change.Deadline?.AlertKind)
            .Time("due_at", change.Deadline?.DueAt)
            .Text("due_reason", change.Deadline?.Reason)
            .With("snapshot", s.ToJson())
            .With("recorded_at", change.RecordedAt);
        yield return referral;

        yield return Sql("""
            INSERT INTO mh.referral_history (referral_id, version, action, status, at, recorded_at, by, capacity, reason, details)
            VALUES (@id, @version, @action, @status, @at, @recorded_at, @by, @capacity, @reason, @details::jsonb)
            """)
            .With("id", change.ReferralId)
            .With("version", s.Version)
            .With("action", change.Action)
            .With("status", s.Status)
            .With("at", change.At)
            .With("recorded_at", change.RecordedAt)
            .With("by", change.By)
            .With("capacity", change.Capacity)
            .Text("reason", change.Reason)
            .Text("details", change.Details is null ? null : JsonSerializer.Serialize(change.Details, ReferralState.Json));

        yield return Sql("""
            INSERT INTO mh.referral_audit (referral_id, at, actor, role, action, client_address)
            VALUES (@id, @recorded_at, @by, @capacity, @action, @client)
            """)
            .With("id", change.ReferralId)
            .With("recorded_at", change.RecordedAt)
            .With("by", change.By)
            .With("capacity", change.Capacity)
            .With("action", change.Action)
            .Text("client", change.ClientAddress);

        if (change.NameEncrypted is not null || change.PhoneEncrypted is not null)
        {
            yield return Sql("""
                INSERT INTO mh.referral_contact (referral_id, name_enc, phone_enc) VALUES (@id, @name, @phone)
                ON CONFLICT (referral_id) DO UPDATE SET name_enc = excluded.name_enc, phone_enc = excluded.phone_enc
                """)
                .With("id", change.ReferralId)
                .Bytes("name", change.NameEncrypted)
                .Bytes("phone", change.PhoneEncrypted);
        }

        foreach (var f in change.FollowUpsChanged)
        {
            // The deadline the step sets says when the grace ends (scheduled) or tracing fails (missed): the indicators
            // judge adherence and loss to follow-up by the waits in force then (migration 0175), not by today's options.
            var deadline = change.FollowUpDeadlines.FirstOrDefault(d => d.FollowUp.Id == f.Id).Deadline;
            yield return Sql("""
                INSERT INTO mh.follow_up (id, referral_id, seq, due_at, status, attended_at, missed_at, missed_reason, promised_date, traced_at, outcome,
                    grace_ends_at, tracing_fails_at, from_facility, patient_code)
                VALUES (@id, @referral, @seq, @due_at, @status, @attended_at, @missed_at, @missed_reason, @promised, @traced_at, @outcome,
                    @grace_ends_at, @tracing_fails_at, @from_facility, @patient_code)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, attended_at = excluded.attended_at, missed_at = excluded.missed_at,
                    missed_reason = excluded.missed_reason, promised_date = excluded.promised_date, traced_at = excluded.traced_at,
                    outcome = excluded.outcome, grace_ends_at = coalesce(excluded.grace_ends_at, mh.follow_up.grace_ends_at),
                    tracing_fails_at = coalesce(excluded.tracing_fails_at, mh.follow_up.tracing_fails_at)
                """)
                .With("id", f.Id)
                .With("referral", change.ReferralId)
                .With("seq", f.Seq)
                .With("due_at", f.DueAt)
                .With("status", f.Status)
                .Time("attended_at", f.AttendedAt)
                .Time("missed_at", f.MissedAt)
                .Text("missed_reason", f.MissedReason)
                .Date("promised", f.PromisedDate)
                .Time("traced_at", f.TracedAt)
                .Text("outcome", f.Outcome)
                .Time("grace_ends_at", deadline is { Escalation: false } ? deadline.DueAt : null)
                .Time("tracing_fails_at", deadline is { Escalation: true } ? deadline.DueAt : null)
                .With("from_facility", s.FromFacility)
                .With("patient_code", s.PatientCode);
        }

        foreach (var command in DeadlineAndAlertCommands(change))
        {
            yield return command;
        }
    }

    /// <summary>The step's alert and due-index statements, all <see cref="AlertWriter"/>'s.</summary>
    private static IEnumerable<NpgsqlBatchCommand> DeadlineAndAlertCommands(ReferralChange change)
    {
        var s = change.State;
        var now = change.RecordedAt;
        // The step happened: alerts about the step the referral was waiting for resolve.
        if (change.StatusChanged)
        {
            yield return AlertWriter.ResolveReferralStepAlerts(change.ReferralId, now, change.By);
        }
        var words = change.Words ?? ReferralAlertWords.Plain(s.PatientCode, s.Urgency, s.FromFacility, s.ToFacility ?? s.ToService);
        yield return AlertWriter.ReferralDeadline(change.ReferralId, change.Deadline, s.ToFacility ?? s.FromFacility, s.District, words);

        foreach (var (f, deadline) in change.FollowUpDeadlines)
        {
            if (f.Status is "attended" or "traced")
            {
                yield return AlertWriter.ResolveMissedFollowUp(f.Id, now, change.By);
            }
            yield return AlertWriter.FollowUpDeadline(f, deadline, change.ReferralId, s.FromFacility, s.District, words);
        }

        if (change.UnavailableMedicines is { Count: > 0 } unavailable && change.ReceivingFacilityForStock is { } phc)
        {
            yield return AlertWriter.RaisePrescribedItemsUnavailable(change.ReferralId, phc, unavailable, now, change.By, words,
                change.UnavailableAtFollowUp);
        }
    }

    private static NpgsqlBatchCommand Sql(string text) => new(text);

    /// <summary>
    /// Prescribed medicines the PHC cannot supply now (<see cref="PrescribedSupply.Covers"/> on the read model of its cards,
    /// as of their last change: no card, nothing on hand, below the emergency order point, or less than the course still
    /// needs), each with the facility of the same district holding the most of it when that one could (warehouses too).
    /// </summary>
    public async Task<IReadOnlyList<PrescribedShortfall>> UnavailableAtAsync(string facility, IReadOnlyList<(string Medicine, int? Needed)> medicines,
        CancellationToken cancellationToken = default)
    {
        var codes = medicines.Select(m => m.Medicine).Distinct().ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var cards = (await connection.QueryAsync<(string Facility, string Name, string Medicine, int Soh, string Status)>(new CommandDefinition("""
            SELECT c.facility, f.name, c.medicine, c.soh, c.status
            FROM mh.stock_card c JOIN mh.facility f ON f.id = c.facility
            WHERE c.medicine = ANY(@medicines) AND f.active
              AND f.district = (SELECT district FROM mh.facility WHERE id = @facility)
            ORDER BY c.soh DESC, c.facility
            """, new { facility, medicines = codes }, cancellationToken: cancellationToken))).ToList();
        var shortfalls = new List<PrescribedShortfall>();
        foreach (var (medicine, needed) in medicines.DistinctBy(m => m.Medicine))
        {
            var here = cards.FirstOrDefault(c => c.Facility == facility && c.Medicine == medicine);
            if (here.Facility is not null && PrescribedSupply.Covers(here.Soh, WireNames.Parse<MhSupply.Stock.StockStatus>(here.Status), needed))
            {
                continue;
            }
            var elsewhere = cards.FirstOrDefault(c => c.Facility != facility && c.Medicine == medicine
                && PrescribedSupply.Covers(c.Soh, WireNames.Parse<MhSupply.Stock.StockStatus>(c.Status), needed));
            shortfalls.Add(new PrescribedShortfall(medicine, here.Facility is null ? 0 : here.Soh, needed,
                elsewhere.Facility is null ? null : new Named(elsewhere.Facility, elsewhere.Name), elsewhere.Soh));
        }
        return shortfalls;
    }
}
