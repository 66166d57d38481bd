namespace MhSupply.Referrals;

/// <summary>The outcome of <see cref="FollowUpRules.Decide"/>, in the order the checks are made.</summary>
public enum FollowUpDecisionKind
{
    Allowed = 1,

    /// <summary>Not one of attend, missed, traced (404 for the API path).</summary>
    UnknownAction,

    /// <summary>Not possible from the follow-up's current state (409, naming it).</summary>
    ForbiddenTransition,

    /// <summary>Missing or unacceptable details: no tracing outcome, a promised date in the past, text too long (400).</summary>
    Invalid,
}
