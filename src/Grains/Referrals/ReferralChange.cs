using MhSupply.Alerts;
namespace MhSupply.Referrals;

/// <summary>One committed step of a referral: the new state and everything written with it in one transaction.</summary>
public sealed record ReferralChange(
    Guid ReferralId,
    ReferralState State,
    string Action,
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    string By,
    string Capacity,
    string? Reason,
    object? Details,
    ReferralDeadline? Deadline,
    bool StatusChanged,
    IReadOnlyList<FollowUpState> FollowUpsChanged,
    IReadOnlyList<(FollowUpState FollowUp, FollowUpDeadline? Deadline)> FollowUpDeadlines,
    byte[]? NameEncrypted = null,
    byte[]? PhoneEncrypted = null,
    IReadOnlyList<PrescribedShortfall>? UnavailableMedicines = null,
    string? ReceivingFacilityForStock = null,
    Guid? UnavailableAtFollowUp = null,
    string? ClientAddress = null,
    ReferralAlertWords? Words = null);
