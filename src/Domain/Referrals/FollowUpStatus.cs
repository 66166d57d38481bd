namespace MhSupply.Referrals;

/// <summary>
/// Where one follow-up visit of a back-referral stands (docs/domain.md, "Follow-ups"; docs/api.md
/// <c>"status": "scheduled|attended|missed|traced"</c>). Numbering starts at 1 so an uninitialised value is no state.
/// </summary>
public enum FollowUpStatus
{
    Scheduled = 1,
    Attended,
    Missed,
    Traced,
}
