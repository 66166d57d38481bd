namespace MhSupply.Referrals;

/// <summary>
/// The next alert a referral raises if nothing happens: its kind (an <see cref="Alerts.AlertKinds"/> wire name), when,
/// and a short sentence for the coordinator's worklist.
/// </summary>
/// <remarks>
/// <see cref="WhyCode"/> and <see cref="Wait"/> are what the deadline is about as a code and a figure (the allowed wait,
/// "4 h", "3 days"), chosen with the rest by <see cref="ReferralDeadlines.Next"/>, so the alert's template and its
/// parameters say what the reason says. A deadline read back from a row (due_kind, due_at, due_reason) has neither.
/// </remarks>
public sealed record ReferralDeadline(string AlertKind, DateTimeOffset DueAt, string Reason, string? WhyCode = null, TimeSpan? Wait = null)
{
    /// <summary>Due from the instant itself: "not accepted 4 h after" holds once 4 h have passed.</summary>
    public bool IsDue(DateTimeOffset now) => now >= DueAt;
}
