namespace MhSupply.Referrals;

/// <summary>The outcome of <see cref="ReferralRules.Decide"/>, in the order the checks are made.</summary>
public enum ReferralDecisionKind
{
    Allowed = 1,

    /// <summary>The state machine has no such step from the current state (409, naming the current state).</summary>
    ForbiddenTransition,

    /// <summary>The step exists but not for this capacity (403).</summary>
    ForbiddenRole,

    /// <summary>The step needs a reason and none, or one too long, was given (400).</summary>
    ReasonRequired,
}
