using MhSupply.Hosting;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Builds what a caller may see of a referral from the read model, as ReferralAccessPolicy decides: contact details,
/// clinical parts and the actions offered (each with whether it needs a reason). Every read is audited: an ordinary
/// one as "read", one that opened withheld parts with a stated reason as "exceptional-read" with it, a refused one as
/// "denied-read".
/// </summary>
public sealed class ReferralViews(ReferralQueries queries, ReferralCallers callers, ContactProtector contacts,
    [FromKeyedServices(Clock.Key)] TimeProvider clock)
{
    /// <summary>The referral as the caller may see it, or null when it does not exist or is outside their reach (the same answer).</summary>
    public async Task<ReferralDto?> ViewAsync(Guid id, HttpContext http, CancellationToken cancellationToken, bool audit = false)
    {
        var (row, history, nameEnc, phoneEnc) = await queries.DetailAsync(id, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var caller = await callers.ResolveAsync(http.ActorOf(), cancellationToken);
        var justification = http.Justification();
        var access = ReferralAccessPolicy.Decide(caller, row.Parties(), justification);
        var now = clock.GetUtcNow();
        if (audit || !access.CanRead)
        {
            await AuditAsync(id, http, access.CanRead ? access.Exceptional ? "exceptional-read" : "read" : "denied-read",
                access.Exceptional || !access.CanRead ? justification : null, cancellationToken);
        }
        if (!access.CanRead)
        {
            return null;
        }
        var state = row.State();
        string? name = null, phone = null;
        if (access.Sees(ReferralParts.Contact))
        {
            name = contacts.Unprotect(nameEnc);
            phone = contacts.Unprotect(phoneEnc);
        }
        var back = state.BackReferral is { } b
            ? new BackReferralDto(access.Sees(ReferralParts.Diagnosis) ? b.Diagnosis : null, access.Sees(ReferralParts.Plan) ? b.Plan : null,
                access.Sees(ReferralParts.Medicines) ? b.Medicines : null, b.FollowUpEveryDays, b.CourseDays, state.BackReferralSentAt,
                state.BackReferralBy, state.BackReferralAcknowledgedAt)
            : null;
        WireNames.TryParse<ReferralStatus>(row.Status, out var status);
        var allowed = ReferralAccessPolicy.AllowedActions(access, status, state.BackReferralAcknowledgedAt is null);
        var consent = row.Parties().Consent;
        return new ReferralDto(row.Id, row.Version, row.Status, row.StatusAt,
            new PatientDto(row.PatientCode, row.PatientSex, row.PatientBirthYear, name, phone), row.FromFacility, row.ToFacility, row.ToService,
            row.District, row.Urgency, access.Sees(ReferralParts.Reason) ? row.Reason : null, row.Consent,
            access.Sees(ReferralParts.Notes) ? state.Notes : null,
            row.AppointmentAt, row.CreatedAt, row.CreatedBy,
            history.Select(h => new HistoryDto(h.Status, h.Action, h.At, h.By, h.Reason)).ToList(), back,
            state.FollowUps.OrderBy(f => f.Seq).Select(f => new FollowUpDto(f.Id, f.Seq, f.DueAt, f.Status, f.AttendedAt, f.MissedAt, f.MissedReason,
                f.PromisedDate, f.TracedAt, f.Outcome)).ToList(),
            Due(row, now), allowed, new ConsentDto(consent.ReceivingService, consent.CommunityServices, consent.Facilities),
            access.Withheld.HasFlag(ReferralParts.Reason), access.Exceptional, row.FromDistrict);
    }

    /// <summary>Records an access to the referral (a read, a denied attempt) in its audit.</summary>
    public Task AuditAsync(Guid id, HttpContext http, string action, string? justification, CancellationToken cancellationToken) =>
        queries.AuditReadAsync(id, http.ActorOf().Subject, http.RoleOf(), action, http.Connection.RemoteIpAddress?.ToString(), justification,
            clock.GetUtcNow(), cancellationToken);

    internal static DueDto? Due(ReferralQueries.ReferralRow row, DateTimeOffset now)
    {
        if (row.DueAt is not { } due || row.DueKind is null)
        {
            return null;
        }
        var overdue = due <= now;
        return new DueDto(row.DueKind, due, row.DueReason ?? "", overdue, overdue ? Math.Round((now - due).TotalHours, 1) : null);
    }
}
