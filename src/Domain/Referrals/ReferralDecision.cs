using MhSupply.Messages;

namespace MhSupply.Referrals;

/// <summary>
/// Whether an action may be taken; when <see cref="ReferralDecisionKind.Allowed"/>, the state it leads to, otherwise the
/// message (code, parameters, English text) fit for problem details.
/// </summary>
public sealed record ReferralDecision(ReferralDecisionKind Kind, ReferralStatus? NewStatus, UserMessage? Problem)
{
    public bool IsAllowed => Kind == ReferralDecisionKind.Allowed;

    /// <summary>The refusal's English text.</summary>
    public string? Message => Problem?.Text;
}
