namespace MhSupply.Referrals;

/// <summary>
/// Where a referral stands (docs/domain.md, "Referrals"), following FHIR R4 Task status codes plus the booking and
/// no-show steps of HL7 AU eRequesting. Numbering starts at 1 so an uninitialised value is no state at all.
/// </summary>
public enum ReferralStatus
{
    Requested = 1,
    Received,
    Accepted,
    Booked,
    NoShow,
    InProgress,
    OnHold,
    Completed,
    Rejected,
    Failed,
    Cancelled,
    EnteredInError,
}
