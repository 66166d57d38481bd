using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

public sealed record PatientBody(string? Code, string? Sex, int? BirthYear, string? Name, string? Phone);

public sealed record CreateReferralBody(Guid? Id, PatientBody? Patient, string? FromFacility, string? ToFacility, string? ToService,
    string? Reason, string? Urgency, string? Notes, bool? Consent, DateTimeOffset? At, ConsentBody? ConsentTo = null);

/// <summary>
/// With whom the person agrees to share clinical details. <c>receivingService</c> is what <c>consent: bool</c> says
/// (either may be given; given both, they must agree).
/// </summary>
public sealed record ConsentBody(bool? ReceivingService, bool? CommunityServices, string[]? Facilities);

public sealed record ChangeConsentBody(bool? Consent, ConsentBody? ConsentTo, DateTimeOffset? At);

public sealed record ConsentDto(bool ReceivingService, bool CommunityServices, IReadOnlyList<string> Facilities);

/// <param name="Quantity">Units per <paramref name="Per"/> ("day" or "week"): the dose in numbers, both or neither.</param>
public sealed record PrescribedBody(string? Medicine, string? Dose, int? DurationDays, decimal? Quantity = null, string? Per = null);

/// <param name="Id">The step's client id (optional): a step resent with it is answered as the first was, done once.</param>
public sealed record ActionBody(string? Reason, DateTimeOffset? At, DateTimeOffset? AppointmentAt, string? Diagnosis, string? Plan,
    PrescribedBody[]? Medicines, int? FollowUpEveryDays, int? CourseDays, Guid? Id = null);

/// <param name="Id">The visit's client id (optional), as for <see cref="ActionBody.Id"/>.</param>
public sealed record FollowUpBody(string? Reason, DateOnly? PromisedDate, string? Outcome, DateTimeOffset? At, Guid? Id = null);

public sealed record PatientDto(string Code, string Sex, int BirthYear, string? Name, string? Phone);

public sealed record HistoryDto(string Status, string Action, DateTimeOffset At, string By, string? Reason);

public sealed record BackReferralDto(string? Diagnosis, string? Plan, IReadOnlyList<PrescribedMedicine>? Medicines, int FollowUpEveryDays,
    int? CourseDays, DateTimeOffset? SentAt, string? SentBy, DateTimeOffset? AcknowledgedAt);

public sealed record FollowUpDto(Guid Id, int Seq, DateTimeOffset DueAt, string Status, DateTimeOffset? AttendedAt, DateTimeOffset? MissedAt,
    string? MissedReason, DateOnly? PromisedDate, DateTimeOffset? TracedAt, string? Outcome);

/// <param name="Kind">The alert the deadline raises when it passes.</param>
/// <param name="Code">What the referral waits for (ReferralDeadlines.WhyCode: <c>not_accepted</c>, <c>not_booked</c>, ...), from its
/// current state: the web app's "why"; <paramref name="Reason"/> is the same in English.</param>
public sealed record DueDto(string Kind, DateTimeOffset At, string Reason, bool Overdue, double? HoursLate, string? Code = null);

public sealed record ReferralDto(Guid Id, int Version, string Status, DateTimeOffset StatusAt, PatientDto Patient, string FromFacility,
    string? ToFacility, string? ToService, string District, string Urgency, string? Reason, bool Consent, string? Notes,
    DateTimeOffset? AppointmentAt, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<HistoryDto> History, BackReferralDto? BackReferral,
    IReadOnlyList<FollowUpDto> FollowUps, DueDto? Due, IReadOnlyList<AllowedAction> AllowedActions, ConsentDto ConsentTo,
    bool ClinicalWithheld, bool ExceptionalAccess, string FromDistrict);

/// <param name="FromFacilityName">The referring facility's name, for tracing.</param>
/// <param name="Phone">The person's phone, only for those the access policy shows the contact (as the detail would).</param>
public sealed record WorklistItemDto(Guid Id, string Status, DateTimeOffset StatusAt, string PatientCode, string FromFacility, string? ToFacility,
    string? ToService, string District, string Urgency, string? Reason, DueDto? Due, string? FromFacilityName = null, string? ToFacilityName = null,
    string? Phone = null);

/// <param name="MayRefer">Whether the caller may make a referral at all (the web app offers the form only then).</param>
public sealed record WorklistDto(IReadOnlyList<WorklistItemDto> Items, int Page, int PageSize, long Total, IReadOnlyDictionary<string, long> Counts,
    bool MayRefer);

public sealed record AuditDto(DateTimeOffset At, string Actor, string Role, string Action, string? ClientAddress, string? Justification);
