using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// The one mapping from a referral to what a caller is shown of it, as the access policy decided: used by the detail
/// (from the read model) and by every step's answer (from the grain's outcome), so the two cannot drift.
/// </summary>
public static class ReferralDtoMapper
{
    /// <param name="name">The person's name, decrypted, when <paramref name="access"/> shows the contact; else null.</param>
    public static ReferralDto ToDto(Guid id, ReferralRecord referral, ReferralAccess access, string? name, string? phone, DateTimeOffset now)
    {
        var s = referral.State;
        var back = s.BackReferral is { } b
            ? new BackReferralDto(access.Sees(ReferralParts.Diagnosis) ? b.Diagnosis : null, access.Sees(ReferralParts.Plan) ? b.Plan : null,
                access.Sees(ReferralParts.Medicines) ? b.Medicines : null, b.FollowUpEveryDays, b.CourseDays, s.BackReferralSentAt,
                s.BackReferralBy, s.BackReferralAcknowledgedAt)
            : null;
        WireNames.TryParse<ReferralStatus>(s.Status, out var status);
        var allowed = ReferralAccessPolicy.AllowedActions(access, status, s.BackReferralAcknowledgedAt is null);
        var consent = s.ConsentGiven();
        return new ReferralDto(id, s.Version, s.Status, AsStored(s.StatusAt), new PatientDto(s.PatientCode, s.Sex, s.BirthYear, name, phone),
            s.FromFacility, s.ToFacility, s.ToService, s.District, s.Urgency, access.Sees(ReferralParts.Reason) ? s.Reason : null, s.Consent,
            access.Sees(ReferralParts.Notes) ? s.Notes : null, s.AppointmentAt is { } a ? AsStored(a) : null, AsStored(s.CreatedAt), s.CreatedBy,
            referral.History.Select(h => new HistoryDto(h.Status, h.Action, AsStored(h.At), h.By, h.Reason)).ToList(), back,
            s.FollowUps.OrderBy(f => f.Seq).Select(f => new FollowUpDto(f.Id, f.Seq, f.DueAt, f.Status, f.AttendedAt, f.MissedAt, f.MissedReason,
                f.PromisedDate, f.TracedAt, f.Outcome)).ToList(),
            Due(referral.Due, status, now), allowed, new ConsentDto(consent.ReceivingService, consent.CommunityServices, consent.Facilities),
            access.Withheld.HasFlag(ReferralParts.Reason), access.Exceptional, s.FromDistrict);
    }

    /// <summary>The deadline a referral waits on, and whether (by how much) it has passed.</summary>
    /// <param name="status">The referral's state, which names what it waits for (the deadline was set by the step that entered it).</param>
    public static DueDto? Due(ReferralDeadline? deadline, ReferralStatus status, DateTimeOffset now)
    {
        if (deadline is null)
        {
            return null;
        }
        var due = AsStored(deadline.DueAt);
        var overdue = due <= now;
        return new DueDto(deadline.AlertKind, due, deadline.Reason, overdue, overdue ? Math.Round((now - due).TotalHours, 1) : null,
            ReferralDeadlines.WhyCode(status));
    }

    /// <summary>The deadline the read model's due columns hold.</summary>
    public static ReferralDeadline? Deadline(this ReferralQueries.ReferralRow row) =>
        row.DueAt is { } at && row.DueKind is { } kind ? new ReferralDeadline(kind, at, row.DueReason ?? "") : null;

    /// <summary>
    /// An instant the read model keeps in a column, as PostgreSQL keeps it (to the microsecond, in UTC): a step's answer,
    /// made from the grain's memory, then says to the digit what a later read of the columns says.
    /// </summary>
    private static DateTimeOffset AsStored(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }
}
