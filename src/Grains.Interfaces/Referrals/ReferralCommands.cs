namespace MhSupply.Referrals;

/// <summary>
/// Who acts on a referral, as their token says: roles, facilities, districts. The grain asks the access policy what that
/// allows on this referral (ReferralAccessPolicy), so no caller's word on its own capacity is taken.
/// </summary>
/// <param name="Justification">The stated reason for exceptional access, if any: it opens withheld parts in a step's answer as in a read.</param>
[GenerateSerializer, Immutable, Alias("mh.referrals.ReferralActor")]
public sealed record ReferralActor(
    [property: Id(0)] string Subject,
    [property: Id(1)] string[] Roles,
    [property: Id(2)] string[] Facilities,
    [property: Id(3)] string[] Districts,
    [property: Id(4)] string? ClientAddress = null,
    [property: Id(5)] string? Justification = null);

/// <summary>With whom the person agrees to share clinical details (the domain's ReferralConsent, on the wire).</summary>
[GenerateSerializer, Immutable, Alias("mh.referrals.ConsentInput")]
public sealed record ConsentInput(
    [property: Id(0)] bool ReceivingService,
    [property: Id(1)] bool CommunityServices,
    [property: Id(2)] string[] Facilities);

[GenerateSerializer, Immutable, Alias("mh.referrals.NewReferral")]
public sealed record NewReferral(
    [property: Id(0)] string PatientCode,
    [property: Id(1)] string Sex,
    [property: Id(2)] int BirthYear,
    [property: Id(3)] string FromFacility,
    [property: Id(4)] string? ToFacility,
    [property: Id(5)] string? ToService,
    [property: Id(6)] string District,
    [property: Id(7)] string Reason,
    [property: Id(8)] string Urgency,
    [property: Id(9)] string? Notes,
    [property: Id(10)] ConsentInput Consent,
    [property: Id(11)] DateTimeOffset At,
    [property: Id(12)] byte[]? NameEncrypted,
    [property: Id(13)] byte[]? PhoneEncrypted,
    [property: Id(14)] string FromDistrict);

[GenerateSerializer, Immutable, Alias("mh.referrals.ReferralCommand")]
public sealed record ReferralCommand(
    [property: Id(0)] string Action,
    [property: Id(1)] string? Reason,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset? AppointmentAt,
    [property: Id(4)] BackReferralInput? BackReferral,
    [property: Id(5)] Guid? StepId = null);

[GenerateSerializer, Immutable, Alias("mh.referrals.BackReferralInput")]
public sealed record BackReferralInput(
    [property: Id(0)] string Diagnosis,
    [property: Id(1)] string Plan,
    [property: Id(2)] PrescribedMedicine[] Medicines,
    [property: Id(3)] int FollowUpEveryDays,
    [property: Id(4)] int? CourseDays);

/// <summary>
/// A medicine of a treatment plan: the prescriber's words (<see cref="Dose"/>) and, when given, the same in numbers,
/// <see cref="Quantity"/> units per <see cref="Per"/> (day or week), from which plan demand is counted (issue 18, item 3).
/// </summary>
[GenerateSerializer, Immutable, Alias("mh.referrals.PrescribedMedicine")]
public sealed record PrescribedMedicine(
    [property: Id(0)] string Medicine,
    [property: Id(1)] string Dose,
    [property: Id(2)] int DurationDays,
    [property: Id(3)] decimal? Quantity = null,
    [property: Id(4)] string? Per = null);

[GenerateSerializer, Immutable, Alias("mh.referrals.FollowUpCommand")]
public sealed record FollowUpCommand(
    [property: Id(0)] Guid FollowUpId,
    [property: Id(1)] string Action,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateOnly? PromisedDate,
    [property: Id(5)] string? Outcome,
    [property: Id(6)] Guid? StepId = null);
