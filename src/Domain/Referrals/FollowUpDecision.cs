using MhSupply.Messages;

namespace MhSupply.Referrals;

/// <summary>
/// Whether a follow-up action may be recorded; when allowed, the state it leads to, otherwise the message fit for
/// problem details and, for <see cref="FollowUpDecisionKind.Invalid"/>, the request field at fault.
/// </summary>
public sealed record FollowUpDecision(FollowUpDecisionKind Kind, FollowUpStatus? NewStatus, UserMessage? Problem, string? Field = null)
{
    public bool IsAllowed => Kind == FollowUpDecisionKind.Allowed;

    /// <summary>The refusal's English text.</summary>
    public string? Message => Problem?.Text;
}
