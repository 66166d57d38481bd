namespace MhSupply.Referrals;

/// <summary>Wire names of <see cref="FollowUpStatus"/> (api.md, "Referrals").</summary>
public static class FollowUpStatuses
{
    public const string Scheduled = "scheduled";
    public const string Attended = "attended";
    public const string Missed = "missed";
    public const string Traced = "traced";

    public static IReadOnlyList<string> WireNames { get; } = [Scheduled, Attended, Missed, Traced];

    /// <summary>Exact, case-sensitive match: the wire names are part of the fixed API.</summary>
    public static bool TryParse(string? value, out FollowUpStatus status)
    {
        status = value switch
        {
            Scheduled => FollowUpStatus.Scheduled,
            Attended => FollowUpStatus.Attended,
            Missed => FollowUpStatus.Missed,
            Traced => FollowUpStatus.Traced,
            _ => default,
        };
        return status != default;
    }

    public static string ToWireName(this FollowUpStatus status) => status switch
    {
        FollowUpStatus.Scheduled => Scheduled,
        FollowUpStatus.Attended => Attended,
        FollowUpStatus.Missed => Missed,
        FollowUpStatus.Traced => Traced,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown follow-up status."),
    };
}
