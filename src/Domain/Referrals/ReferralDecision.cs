namespace MhSupply.Referrals;

/// <summary>
/// Whether an action may be taken; when <see cref="ReferralDecisionKind.Allowed"/>, the state it leads to, otherwise a
/// message fit for problem details.
/// </summary>
public sealed record ReferralDecision(ReferralDecisionKind Kind, ReferralStatus? NewStatus, string? Message)
{
    public bool IsAllowed => Kind == ReferralDecisionKind.Allowed;
}
