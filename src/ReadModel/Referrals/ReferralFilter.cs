namespace MhSupply.Referrals;

/// <summary>
/// What a referral list is narrowed to, besides the caller's reach: states (none: every state), the district, a facility
/// on either side, the urgency, and a patient code (or part of one, any case). The FHIR search also narrows by the
/// referring (<see cref="FromFacility"/>) or receiving facility (<see cref="ToFacility"/>), referral ids, a patient
/// code exactly, and when the state last changed (<see cref="StatusFrom"/> inclusive, <see cref="StatusBefore"/> exclusive).
/// </summary>
public sealed record ReferralFilter(
    IReadOnlyList<string> Statuses,
    string? District = null,
    string? Facility = null,
    string? Urgency = null,
    string? PatientCode = null)
{
    public string? FromFacility { get; init; }

    public string? ToFacility { get; init; }

    /// <summary>Only these referrals (null: any).</summary>
    public IReadOnlyList<Guid>? Ids { get; init; }

    /// <summary>The patient code exactly (a code is the referring facility's: pair it with <see cref="FromFacility"/> for one person).</summary>
    public string? PatientCodeExact { get; init; }

    public DateTimeOffset? StatusFrom { get; init; }

    public DateTimeOffset? StatusBefore { get; init; }

    public static ReferralFilter None { get; } = new([]);
}
