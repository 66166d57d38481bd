namespace MhSupply.Referrals;

/// <summary>Wire names of <see cref="Urgency"/> (api.md, "Referrals": <c>"urgency": "emergency|urgent|routine"</c>).</summary>
public static class Urgencies
{
    public const string Emergency = "emergency";
    public const string Urgent = "urgent";
    public const string Routine = "routine";

    public static IReadOnlyList<string> WireNames { get; } = [Emergency, Urgent, Routine];

    /// <summary>Exact, case-sensitive match: the wire names are part of the fixed API.</summary>
    public static bool TryParse(string? value, out Urgency urgency)
    {
        urgency = value switch
        {
            Emergency => Urgency.Emergency,
            Urgent => Urgency.Urgent,
            Routine => Urgency.Routine,
            _ => default,
        };
        return urgency != default;
    }

    public static string ToWireName(this Urgency urgency) => urgency switch
    {
        Urgency.Emergency => Emergency,
        Urgency.Urgent => Urgent,
        Urgency.Routine => Routine,
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, "Unknown urgency."),
    };
}
