namespace MhSupply.Referrals;

/// <summary>Wire names of <see cref="ReferralStatus"/> (api.md, "Referrals"; domain reference state table).</summary>
public static class ReferralStatuses
{
    public const string Requested = "requested";
    public const string Received = "received";
    public const string Accepted = "accepted";
    public const string Booked = "booked";
    public const string NoShow = "no_show";
    public const string InProgress = "in_progress";
    public const string OnHold = "on_hold";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string EnteredInError = "entered_in_error";

    public static IReadOnlyList<string> WireNames { get; } =
    [
        Requested, Received, Accepted, Booked, NoShow, InProgress, OnHold, Completed, Rejected, Failed, Cancelled, EnteredInError,
    ];

    /// <summary>Exact, case-sensitive match: the wire names are part of the fixed API.</summary>
    public static bool TryParse(string? value, out ReferralStatus status)
    {
        status = value switch
        {
            Requested => ReferralStatus.Requested,
            Received => ReferralStatus.Received,
            Accepted => ReferralStatus.Accepted,
            Booked => ReferralStatus.Booked,
            NoShow => ReferralStatus.NoShow,
            InProgress => ReferralStatus.InProgress,
            OnHold => ReferralStatus.OnHold,
            Completed => ReferralStatus.Completed,
            Rejected => ReferralStatus.Rejected,
            Failed => ReferralStatus.Failed,
            Cancelled => ReferralStatus.Cancelled,
            EnteredInError => ReferralStatus.EnteredInError,
            _ => default,
        };
        return status != default;
    }

    public static string ToWireName(this ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => Requested,
        ReferralStatus.Received => Received,
        ReferralStatus.Accepted => Accepted,
        ReferralStatus.Booked => Booked,
        ReferralStatus.NoShow => NoShow,
        ReferralStatus.InProgress => InProgress,
        ReferralStatus.OnHold => OnHold,
        ReferralStatus.Completed => Completed,
        ReferralStatus.Rejected => Rejected,
        ReferralStatus.Failed => Failed,
        ReferralStatus.Cancelled => Cancelled,
        ReferralStatus.EnteredInError => EnteredInError,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown referral status."),
    };

    /// <summary>
    /// The states the domain table marks terminal: nothing happens next in the care pathway. Correcting the record
    /// (entered_in_error) and reopening are still possible from some of them (see <see cref="ReferralRules"/>).
    /// </summary>
    public static bool IsTerminal(this ReferralStatus status) =>
        status is ReferralStatus.Completed or ReferralStatus.Rejected or ReferralStatus.Failed or ReferralStatus.Cancelled
            or ReferralStatus.EnteredInError;
}
