namespace MhSupply.Referrals;

/// <summary>
/// The next alert a follow-up raises if nothing is recorded. <see cref="Escalation"/> marks the second stage: tracing
/// found no contact, which goes to the district manager as well as the coordinator (docs/domain.md, "Follow-ups").
/// </summary>
public sealed record FollowUpDeadline(string AlertKind, DateTimeOffset DueAt, string Reason, bool Escalation)
{
    /// <summary>Due from the instant itself, as <see cref="ReferralDeadline.IsDue"/>.</summary>
    public bool IsDue(DateTimeOffset now) => now >= DueAt;
}
