using MhSupply.Referrals;
using MhSupply.Persistence;
using Npgsql;

namespace MhSupply.Alerts;

/// <summary>
/// What a referral's alert texts name (AlertMessages.ReferralDeadlinePassed, FollowUpDeadlinePassed, PrescribedItemUnavailable):
/// the person's code, the urgency, the facilities by code and name (the service asked for while no facility has claimed
/// it), the names of the medicines a back-referral prescribes and the facilities' calendar.
/// </summary>
public sealed record ReferralAlertWords(string PatientCode, string Urgency, Named From, Named To, string? ToService, TimeZoneInfo Zone)
{
    private static readonly IReadOnlyDictionary<string, string> NoNames = new Dictionary<string, string>();

    /// <summary>Medicines by code with the names the list gives them (those the step's alerts name).</summary>
    public IReadOnlyDictionary<string, string> MedicineNames { get; init; } = NoNames;

    public Named Medicine(string code) => MedicineNames.TryGetValue(code, out var name) ? new Named(code, name) : Named.Unnamed(code);

    /// <summary>Words from ids alone, for a store used without the registry (the facility ids stand for their names).</summary>
    public static ReferralAlertWords Plain(string patientCode, string urgency, string from, string? to) =>
        new(patientCode, urgency, Named.Unnamed(from), Named.Unnamed(to ?? "-"), null, TimeZoneInfo.Utc);

    /// <summary>
    /// The words of a referral in <paramref name="s"/>: facilities by their registry names (cached by the directory), the
    /// medicines of <paramref name="medicinesToName"/> by their names on the list (read only when there are some).
    /// </summary>
    public static async Task<ReferralAlertWords> ForAsync(ReferralState s, MhSupply.Reference.FacilityDirectory facilities,
        MhSupply.Reference.MedicineCatalog medicines, IReadOnlyCollection<string>? medicinesToName, TimeZoneInfo zone)
    {
        var from = new Named(s.FromFacility, (await facilities.FindAsync(s.FromFacility))?.Name ?? s.FromFacility);
        var to = s.ToFacility is { } toFacility
            ? new Named(toFacility, (await facilities.FindAsync(toFacility))?.Name ?? toFacility)
            : new Named(s.ToService ?? "-", $"a facility offering {s.ToService?.Replace('_', ' ')}");
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in medicinesToName ?? [])
        {
            if (!names.ContainsKey(code) && await medicines.FindAsync(code) is { } m)
            {
                names[code] = AlertMessages.MedicineName(m.Name, m.Strength, m.Form);
            }
        }
        return new ReferralAlertWords(s.PatientCode, s.Urgency, from, to, s.ToFacility is null ? s.ToService : null, zone) { MedicineNames = names };
    }
}

/// <summary>The alerts a referral step resolves or raises, in the step's transaction.</summary>
public static partial class AlertWriter
{
    /// <summary>The kinds that wait for a referral's next step: the step resolves them.</summary>
    private static readonly string[] ReferralStepKinds = [.. AlertKinds.ReferralStepKinds];

    /// <summary>The step the referral was waiting for happened: its alerts about that wait resolve.</summary>
    public static NpgsqlBatchCommand ResolveReferralStepAlerts(Guid referral, DateTimeOffset at, string actor) =>
        ResolveOpen("referral = @referral AND kind = ANY(@kinds)", at, actor)
            .With("referral", referral)
            .With("kinds", ReferralStepKinds);

    /// <summary>The follow-up was attended or traced after all: its missed alert resolves.</summary>
    public static NpgsqlBatchCommand ResolveMissedFollowUp(Guid followUp, DateTimeOffset at, string actor) =>
        ResolveOpen("kind = @kind AND subject = @subject", at, actor)
            .With("kind", AlertKinds.FollowUpMissed)
            .With("subject", followUp.ToString());

    /// <summary>
    /// A back-referral prescribes medicines the receiving PHC cannot supply now, or a person came to a follow-up visit
    /// when it could not: one alert per medicine, to the PHC's district, unless one is open already for that step. Each
    /// follow-up is a step of its own (its id is in the subject), so a second visit without the medicine is a second
    /// interruption, counted by treatment_interruptions, not swallowed by the first alert still open.
    /// </summary>
    /// <param name="words">Names the medicines and the facility (<paramref name="facility"/> is the referring PHC, its From).</param>
    /// <param name="followUp">The follow-up visit it was found at; null for the back-referral itself.</param>
    public static NpgsqlBatchCommand RaisePrescribedItemsUnavailable(Guid referral, string facility, IReadOnlyList<PrescribedShortfall> medicines,
        DateTimeOffset at, string actor, ReferralAlertWords? words = null, Guid? followUp = null) => new NpgsqlBatchCommand("""
            WITH raised AS (
                INSERT INTO mh.alert (id, kind, subject, facility, district, medicine, referral, status, message, message_code, message_params, raised_at)
                SELECT gen_random_uuid(), 'prescribed_item_unavailable', @referral || '/' || u.medicine || @step, @phc, f.district, u.medicine,
                       @referral_id, 'open', u.message, u.code, u.params, @at
                FROM unnest(@medicines, @messages, @codes, @params) AS u(medicine, message, code, params) CROSS JOIN mh.facility f WHERE f.id = @phc
                ON CONFLICT (kind, subject) WHERE status <> 'resolved' DO NOTHING
                RETURNING id)
            INSERT INTO mh.alert_change (alert_id, change, at, actor) SELECT id, 'raised', @at, @actor FROM raised
            """)
        .With("referral", referral.ToString())
        .With("step", followUp is { } visit ? "/" + visit : "")
        .With("referral_id", referral)
        .With("phc", facility)
        .With("medicines", medicines.Select(m => m.Medicine).ToArray())
        .WithTexts("messages", "codes", "params",
            medicines.Select(m => AlertMessages.PrescribedItemUnavailable(referral, words?.Medicine(m.Medicine) ?? Named.Unnamed(m.Medicine),
                words?.From is { } from && from.Code == facility ? from : Named.Unnamed(facility), m)).ToList())
        .With("at", at)
        .With("actor", actor);
}
