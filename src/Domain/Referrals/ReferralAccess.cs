namespace MhSupply.Referrals;

/// <summary>
/// What <see cref="ReferralAccessPolicy"/> decided for one caller and one referral: the parts they are shown, the parts
/// they could open with a stated reason (exceptional access), whether this read is such an exception, and the capacities
/// in which they may act, with the facility they act for.
/// </summary>
public sealed record ReferralAccess(
    ReferralParts Parts,
    ReferralParts Withheld,
    bool Exceptional,
    IReadOnlyList<ReferralRole> Capacities,
    string? ActingFacility)
{
    public static ReferralAccess None { get; } = new(ReferralParts.None, ReferralParts.None, false, [], null);

    /// <summary>Whether the caller may know of the referral at all; otherwise it is "not found" to them.</summary>
    public bool CanRead => Parts.HasFlag(ReferralParts.Summary);

    public bool Sees(ReferralParts part) => (Parts & part) == part;
}

/// <summary>An action the caller may take now, and whether it needs (or takes) a reason: what the web app offers.</summary>
public sealed record AllowedAction(string Action, bool ReasonRequired, bool ReasonAccepted);
