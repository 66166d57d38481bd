namespace MhSupply.Referrals;

/// <summary>
/// The next alert a follow-up raises if nothing is recorded. <see cref="Escalation"/> marks the second stage: tracing
/// found no contact, which goes to the district manager as well as the coordinator (docs/domain.md, "Follow-ups").
/// </summary>
/// <param name="Wait">The allowed wait its reason names (the grace, or the tracing period), for the alert's parameters.</param>
public sealed record FollowUpDeadline(string AlertKind, DateTimeOffset DueAt, string Reason, bool Escalation, TimeSpan? Wait = null)
{
    /// <summary>Due from the instant itself, as <see cref="ReferralDeadline.IsDue"/>.</summary>
    public bool IsDue(DateTimeOffset now) => now >= DueAt;
}
