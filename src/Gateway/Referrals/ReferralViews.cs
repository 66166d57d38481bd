using MhSupply.Gateway.Auth;
using MhSupply.Hosting;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Builds what a caller may see of a referral from the read model: contact details only for those who care for or trace
/// the person, no diagnosis for community services without consent, and the actions their capacities allow.
/// </summary>
public sealed class ReferralViews(ReferralQueries queries, ReferralAccess access, ContactProtector contacts,
    [FromKeyedServices(Clock.Key)] TimeProvider clock)
{
    public async Task<ReferralDto?> ViewAsync(Guid id, HttpContext http, CancellationToken cancellationToken, bool audit = false)
    {
        var (row, history, nameEnc, phoneEnc) = await queries.DetailAsync(id, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var reach = await access.ForAsync(http.User, row.FromFacility, row.ToFacility, row.ToService, row.District, row.Consent, cancellationToken);
        if (!reach.CanRead)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (audit)
        {
            await queries.AuditReadAsync(id, http.User.Subject(), http.User.FindFirst(ClaimNames.Role)?.Value ?? "", "read",
                http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers["X-Access-Justification"].FirstOrDefault(), now, cancellationToken);
        }
        var state = row.State();
        string? name = null, phone = null;
        if (reach.SeesContact)
        {
            name = contacts.Unprotect(nameEnc);
            phone = contacts.Unprotect(phoneEnc);
        }
        var back = state.BackReferral is { } b
            ? new BackReferralDto(reach.SeesDiagnosis ? b.Diagnosis : null, reach.SeesDiagnosis ? b.Plan : null,
                reach.SeesDiagnosis ? b.Medicines : null, b.FollowUpEveryDays, b.CourseDays, state.BackReferralSentAt, state.BackReferralBy,
                state.BackReferralAcknowledgedAt)
            : null;
        ReferralStatuses.TryParse(row.Status, out var status);
        var allowed = reach.Capacities
            .SelectMany(c => Enum.TryParse<ReferralRole>(c, out var role) ? ReferralRules.AllowedActions(status, role) : [])
            .Select(a => a.ToWireName()).Distinct().ToList();
        if (status == ReferralStatus.Completed && state.BackReferralAcknowledgedAt is null
            && reach.Capacities.Any(c => c is "ReferringClinician" or "Coordinator" or "Admin"))
        {
            allowed.Add("acknowledge-back-referral");
        }
        return new ReferralDto(row.Id, row.Version, row.Status, ReferralEndpoints.Utc(row.StatusAt),
            new PatientDto(row.PatientCode, row.PatientSex, row.PatientBirthYear, name, phone), row.FromFacility, row.ToFacility, row.ToService,
            row.District, row.Urgency, reach.SeesDiagnosis ? row.Reason : null, row.Consent, state.Notes,
            row.AppointmentAt is { } a ? ReferralEndpoints.Utc(a) : null, ReferralEndpoints.Utc(row.CreatedAt), row.CreatedBy,
            history.Select(h => new HistoryDto(h.Status, h.Action, ReferralEndpoints.Utc(h.At), h.By, h.Reason)).ToList(), back,
            state.FollowUps.OrderBy(f => f.Seq).Select(f => new FollowUpDto(f.Id, f.Seq, f.DueAt, f.Status, f.AttendedAt, f.MissedAt, f.MissedReason,
                f.PromisedDate, f.TracedAt, f.Outcome)).ToList(),
            Due(row, now), allowed);
    }

    internal static DueDto? Due(ReferralQueries.ReferralRow row, DateTimeOffset now)
    {
        if (row.DueAt is not { } at || row.DueKind is null)
        {
            return null;
        }
        var due = ReferralEndpoints.Utc(at);
        var overdue = due <= now;
        return new DueDto(row.DueKind, due, row.DueReason ?? "", overdue, overdue ? Math.Round((now - due).TotalHours, 1) : null);
    }
}
