namespace MhSupply.Referrals;

/// <summary>
/// What a referral list is narrowed to, besides the caller's reach: states (none: every state), the district, a facility
/// on either side, the urgency, and a patient code (or part of one, any case).
/// </summary>
public sealed record ReferralFilter(
    IReadOnlyList<string> Statuses,
    string? District = null,
    string? Facility = null,
    string? Urgency = null,
    string? PatientCode = null)
{
    public static ReferralFilter None { get; } = new([]);
}
