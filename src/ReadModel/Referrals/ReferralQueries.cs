using System.Text.Json;
using Dapper;
using Npgsql;

namespace MhSupply.Referrals;

/// <summary>Reads referrals for worklists and detail pages from the read model, and records every read in the audit.</summary>
public sealed class ReferralQueries(NpgsqlDataSource dataSource)
{
    public sealed class ReferralRow
    {
        public Guid Id { get; set; }
        public int Version { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset StatusAt { get; set; }
        public string PatientCode { get; set; } = "";
        public string PatientSex { get; set; } = "";
        public int PatientBirthYear { get; set; }
        public string FromFacility { get; set; } = "";
        public string? ToFacility { get; set; }
        public string? ToService { get; set; }
        public string District { get; set; } = "";
        public string Reason { get; set; } = "";
        public string Urgency { get; set; } = "";
        public bool Consent { get; set; }
        public DateTimeOffset? AppointmentAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string CreatedBy { get; set; } = "";
        public string? DueKind { get; set; }
        public DateTimeOffset? DueAt { get; set; }
        public string? DueReason { get; set; }
        public string Snapshot { get; set; } = "{}";
        public string FromDistrict { get; set; } = "";
        public bool ConsentCommunity { get; set; }
        public string[] ConsentFacilities { get; set; } = [];

        /// <summary>The facilities' registry names (worklist rows only; null elsewhere or when not registered).</summary>
        public string? FromFacilityName { get; set; }

        public string? ToFacilityName { get; set; }

        /// <summary>The phone's ciphertext (worklist rows only): the gateway opens it for those the policy shows the contact.</summary>
        public byte[]? PhoneEncrypted { get; set; }

        /// <summary>What the access policy decides on, from the row's own columns.</summary>
        public ReferralParties Parties() =>
            new(FromFacility, FromDistrict, ToFacility, ToService, District, new ReferralConsent(Consent, ConsentCommunity, ConsentFacilities));

        public ReferralState State() => ReferralState.FromJson(Snapshot);
    }

    public sealed class AuditRow
    {
        public DateTimeOffset At { get; set; }
        public string Actor { get; set; } = "";
        public string Role { get; set; } = "";
        public string Action { get; set; } = "";
        public string? ClientAddress { get; set; }
        public string? Justification { get; set; }
    }

    public sealed record Worklist(IReadOnlyList<ReferralRow> Items, long Total, IReadOnlyDictionary<string, long> Counts);

    private const string Columns = """
        id, version, status, status_at AS StatusAt, patient_code AS PatientCode, patient_sex AS PatientSex,
        patient_birth_year AS PatientBirthYear, from_facility AS FromFacility, to_facility AS ToFacility, to_service AS ToService,
        district, reason, urgency, consent, appointment_at AS AppointmentAt, created_at AS CreatedAt, created_by AS CreatedBy,
        due_kind AS DueKind, due_at AS DueAt, due_reason AS DueReason, snapshot::text AS Snapshot, from_district AS FromDistrict,
        consent_community AS ConsentCommunity, consent_facilities AS ConsentFacilities
        """;

    public async Task<ReferralRow?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReferralRow>(new CommandDefinition(
            $"SELECT {Columns} FROM mh.referral WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>A referral with its history and contact ciphertexts in one round trip (what a detail answer needs).</summary>
    /// <summary>
    /// The referral as last committed, in one round trip: the snapshot with the deadline its step set, the history and the
    /// contact ciphertexts (<see cref="ReferralRecord.None"/> when it does not exist). The detail page and the referral
    /// grain's activation read it the same way.
    /// </summary>
    public async Task<ReferralRecord> RecordAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT snapshot::text, from_district, due_kind, due_at, due_reason FROM mh.referral WHERE id = @id;
            SELECT version, action, status, at, by, reason FROM mh.referral_history WHERE referral_id = @id ORDER BY version;
            SELECT name_enc, phone_enc FROM mh.referral_contact WHERE referral_id = @id;
            """, new { id }, cancellationToken: cancellationToken));
        var row = await results.ReadSingleOrDefaultAsync<(string Snapshot, string FromDistrict, string? DueKind, DateTimeOffset? DueAt,
            string? DueReason)?>();
        var history = await results.ReadAsync<(int Version, string Action, string Status, DateTimeOffset At, string By, string? Reason)>();
        var contact = await results.ReadSingleOrDefaultAsync<(byte[]? Name, byte[]? Phone)?>();
        if (row is not { } r)
        {
            return ReferralRecord.None;
        }
        var state = ReferralState.FromJson(r.Snapshot);
        // Snapshots of referrals made before the sending district was kept lack it; its column was filled by migration 0150.
        state.FromDistrict = r.FromDistrict;
        var due = r.DueKind is { } kind && r.DueAt is { } at ? new ReferralDeadline(kind, at, r.DueReason ?? "") : null;
        return new ReferralRecord(state, due,
            [.. history.Select(h => new ReferralHistoryEntry(h.Version, h.Action, h.Status, h.At, h.By, h.Reason))], contact?.Name, contact?.Phone);
    }

    public async Task<Guid?> ReferralOfFollowUpAsync(Guid followUpId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT referral_id FROM mh.follow_up WHERE id = @followUpId", new { followUpId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The worklist: the referrals of <paramref name="reach"/> (what ReferralAccessPolicy.ReachOf lets the caller read; the
    /// policy's tests hold <see cref="ReferralReach.Covers"/>, which this SQL spells, equal to what it lets them open),
    /// narrowed by the caller's filters (<see cref="ReferralFilter"/>). Overdue: a deadline has passed, most late first.
    /// Counts by state over the same reach and filters except the state (so a board's state chips say how many each
    /// would show), never only one page.
    /// </summary>
    public async Task<Worklist> ListAsync(ReferralReach reach, ReferralFilter filter, bool overdue,
        DateTimeOffset now, long offset, int limit, CancellationToken cancellationToken = default)
    {
        if (reach.IsEmpty)
        {
            return new Worklist([], 0, new Dictionary<string, long>());
        }
        var within = $"""
            {ReferralReachSql.Covers("mh.referral")}
            AND (@district::text IS NULL OR district = @district)
            AND (@facility::text IS NULL OR from_facility = @facility OR to_facility = @facility)
            AND (@urgency::text IS NULL OR urgency = @urgency)
            AND (@q::text IS NULL OR strpos(lower(patient_code), lower(@q)) > 0)
            AND (@from_facility::text IS NULL OR from_facility = @from_facility)
            AND (@to_facility::text IS NULL OR to_facility = @to_facility)
            AND (@ids::uuid[] IS NULL OR id = ANY(@ids))
            AND (@patient_code::text IS NULL OR patient_code = @patient_code)
            AND (@status_from::timestamptz IS NULL OR status_at >= @status_from)
            AND (@status_before::timestamptz IS NULL OR status_at < @status_before)
            """;
        const string inState = "(cardinality(@statuses::text[]) = 0 OR status = ANY(@statuses))";
        const string late = "(NOT @overdue OR (due_at IS NOT NULL AND due_at <= @now))";
        var args = ReferralReachSql.AddTo(new DynamicParameters(new
        {
            statuses = filter.Statuses.ToArray(), district = filter.District, facility = filter.Facility, urgency = filter.Urgency,
            q = string.IsNullOrWhiteSpace(filter.PatientCode) ? null : filter.PatientCode.Trim(), overdue, now = now.UtcDateTime, offset, limit,
            from_facility = filter.FromFacility, to_facility = filter.ToFacility, ids = filter.Ids?.ToArray(), patient_code = filter.PatientCodeExact,
            status_from = filter.StatusFrom?.UtcDateTime, status_before = filter.StatusBefore?.UtcDateTime,
        }), reach);
        var order = overdue ? "due_at ASC, id" : "status_at DESC, id";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM mh.referral WHERE {within} AND {late} AND {inState}", args,
            cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<ReferralRow>(new CommandDefinition($"""
            SELECT {Columns},
                (SELECT f.name FROM mh.facility f WHERE f.id = mh.referral.from_facility) AS FromFacilityName,
                (SELECT f.name FROM mh.facility f WHERE f.id = mh.referral.to_facility) AS ToFacilityName,
                (SELECT c.phone_enc FROM mh.referral_contact c WHERE c.referral_id = mh.referral.id) AS PhoneEncrypted
            FROM mh.referral WHERE {within} AND {late} AND {inState}
            ORDER BY {order} OFFSET @offset LIMIT @limit
            """, args, cancellationToken: cancellationToken));
        var counts = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            $"SELECT status, count(*) FROM mh.referral WHERE {within} GROUP BY status", args, cancellationToken: cancellationToken));
        return new Worklist(rows.AsList(), total, counts.ToDictionary(c => c.Status, c => c.Count));
    }

    /// <summary>The histories of several referrals in one round trip (a FHIR search page's Task.statusReason), oldest step first.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ReferralHistoryEntry>>> HistoriesAsync(IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<ReferralHistoryEntry>>();
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, int Version, string Action, string Status, DateTimeOffset At, string By, string? Reason)>(
            new CommandDefinition("""
                SELECT referral_id, version, action, status, at, by, reason FROM mh.referral_history
                WHERE referral_id = ANY(@ids) ORDER BY referral_id, version
                """, new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Id).ToDictionary(g => g.Key,
            g => (IReadOnlyList<ReferralHistoryEntry>)[.. g.Select(h => new ReferralHistoryEntry(h.Version, h.Action, h.Status, h.At, h.By, h.Reason))]);
    }

    /// <summary>
    /// One audit row per referral a worklist showed: the audit of a person's referral then answers "who saw it", whether
    /// they opened it or saw it in a list (a row per list read naming the ids would hide that from the referral's own audit).
    /// </summary>
    public async Task AuditListedAsync(IReadOnlyCollection<Guid> ids, string actor, string role, string? clientAddress, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.referral_audit (referral_id, at, actor, role, action, client_address)
            SELECT id, @at, @actor, @role, 'list', @clientAddress FROM unnest(@ids) AS id
            """, new { ids = ids.ToArray(), at = at.UtcDateTime, actor, role, clientAddress }, cancellationToken: cancellationToken));
    }

    public async Task AuditReadAsync(Guid id, string actor, string role, string action, string? clientAddress, string? justification,
        DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.referral_audit (referral_id, at, actor, role, action, client_address, justification)
            VALUES (@id, @at, @actor, @role, @action, @clientAddress, @justification)
            """, new { id, at = at.UtcDateTime, actor, role, action, clientAddress, justification }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditRow>> AuditAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition("""
            SELECT at, actor, role, action, client_address AS ClientAddress, justification FROM mh.referral_audit
            WHERE referral_id = @id ORDER BY id
            """, new { id }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
