namespace MhSupply.Referrals;

/// <summary>
/// The next alert a referral raises if nothing happens: its kind (an <see cref="Alerts.AlertKinds"/> wire name), when,
/// and a short sentence for the coordinator's worklist.
/// </summary>
public sealed record ReferralDeadline(string AlertKind, DateTimeOffset DueAt, string Reason)
{
    /// <summary>Due from the instant itself: "not accepted 4 h after" holds once 4 h have passed.</summary>
    public bool IsDue(DateTimeOffset now) => now >= DueAt;
}
