namespace MhSupply.Referrals;

/// <summary>
/// What someone does to a referral (docs/api.md, "Referrals": <c>POST /api/v1/referrals/{id}/{action}</c>): the wire name
/// is that path segment, hyphenated. Numbering starts at 1 so an uninitialised value is no action at all.
/// </summary>
public enum ReferralAction
{
    Receive = 1,
    Accept,
    Reject,
    Book,
    Attend,
    [WireName("no-show")]
    NoShow,
    Start,
    Hold,
    [WireName("back-refer")]
    BackRefer,
    Fail,
    Cancel,
    [WireName("entered-in-error")]
    EnterInError,
    Reopen,
}
