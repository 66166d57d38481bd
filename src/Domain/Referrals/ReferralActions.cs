namespace MhSupply.Referrals;

/// <summary>Wire names of <see cref="ReferralAction"/>, spelled as the API path segment (api.md, "Referrals").</summary>
public static class ReferralActions
{
    public const string Receive = "receive";
    public const string Accept = "accept";
    public const string Reject = "reject";
    public const string Book = "book";
    public const string Attend = "attend";
    public const string NoShow = "no-show";
    public const string Start = "start";
    public const string Hold = "hold";
    public const string BackRefer = "back-refer";
    public const string Fail = "fail";
    public const string Cancel = "cancel";
    public const string EnterInError = "entered-in-error";
    public const string Reopen = "reopen";

    public static IReadOnlyList<string> WireNames { get; } =
        [Receive, Accept, Reject, Book, Attend, NoShow, Start, Hold, BackRefer, Fail, Cancel, EnterInError, Reopen];

    /// <summary>Exact, case-sensitive match: the wire names are part of the fixed API.</summary>
    public static bool TryParse(string? value, out ReferralAction action)
    {
        action = value switch
        {
            Receive => ReferralAction.Receive,
            Accept => ReferralAction.Accept,
            Reject => ReferralAction.Reject,
            Book => ReferralAction.Book,
            Attend => ReferralAction.Attend,
            NoShow => ReferralAction.NoShow,
            Start => ReferralAction.Start,
            Hold => ReferralAction.Hold,
            BackRefer => ReferralAction.BackRefer,
            Fail => ReferralAction.Fail,
            Cancel => ReferralAction.Cancel,
            EnterInError => ReferralAction.EnterInError,
            Reopen => ReferralAction.Reopen,
            _ => default,
        };
        return action != default;
    }

    public static string ToWireName(this ReferralAction action) => action switch
    {
        ReferralAction.Receive => Receive,
        ReferralAction.Accept => Accept,
        ReferralAction.Reject => Reject,
        ReferralAction.Book => Book,
        ReferralAction.Attend => Attend,
        ReferralAction.NoShow => NoShow,
        ReferralAction.Start => Start,
        ReferralAction.Hold => Hold,
        ReferralAction.BackRefer => BackRefer,
        ReferralAction.Fail => Fail,
        ReferralAction.Cancel => Cancel,
        ReferralAction.EnterInError => EnterInError,
        ReferralAction.Reopen => Reopen,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown referral action."),
    };
}
