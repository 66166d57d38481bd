namespace MhSupply.Referrals;

/// <summary>
/// What someone does to a referral (api.md, "Referrals": <c>POST /api/v1/referrals/{id}/{action}</c>). Numbering
/// starts at 1 so an uninitialised value is no action at all.
/// </summary>
public enum ReferralAction
{
    Receive = 1,
    Accept,
    Reject,
    Book,
    Attend,
    NoShow,
    Start,
    Hold,
    BackRefer,
    Fail,
    Cancel,
    EnterInError,
    Reopen,
}
