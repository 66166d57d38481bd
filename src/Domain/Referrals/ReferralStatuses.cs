namespace MhSupply.Referrals;

/// <summary>Rules about <see cref="ReferralStatus"/> (its wire names are <see cref="WireNames{T}"/>).</summary>
public static class ReferralStatuses
{
    /// <summary>
    /// The states the domain table marks terminal: nothing happens next in the care pathway. Correcting the record
    /// (entered_in_error) and reopening are still possible from some of them (see <see cref="ReferralRules"/>).
    /// </summary>
    public static bool IsTerminal(this ReferralStatus status) =>
        status is ReferralStatus.Completed or ReferralStatus.Rejected or ReferralStatus.Failed or ReferralStatus.Cancelled
            or ReferralStatus.EnteredInError;
}
