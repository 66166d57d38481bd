namespace MhSupply.Stock;

/// <summary>Wire names and signs of <see cref="AdjustmentReason"/>.</summary>
public static class AdjustmentReasons
{
    public const string Expired = "expired";
    public const string Damaged = "damaged";
    public const string Lost = "lost";
    public const string Stolen = "stolen";
    public const string Found = "found";
    public const string Returned = "returned";

    public static IReadOnlyList<string> WireNames { get; } = [Expired, Damaged, Lost, Stolen, Found, Returned];

    /// <summary>Exact, case-sensitive match; anything else (including no reason) is an invalid adjustment.</summary>
    public static bool TryParse(string? value, out AdjustmentReason reason)
    {
        reason = value switch
        {
            Expired => AdjustmentReason.Expired,
            Damaged => AdjustmentReason.Damaged,
            Lost => AdjustmentReason.Lost,
            Stolen => AdjustmentReason.Stolen,
            Found => AdjustmentReason.Found,
            Returned => AdjustmentReason.Returned,
            _ => default,
        };
        return reason != default;
    }

    public static string ToWireName(this AdjustmentReason reason) => reason switch
    {
        AdjustmentReason.Expired => Expired,
        AdjustmentReason.Damaged => Damaged,
        AdjustmentReason.Lost => Lost,
        AdjustmentReason.Stolen => Stolen,
        AdjustmentReason.Found => Found,
        AdjustmentReason.Returned => Returned,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown adjustment reason."),
    };

    /// <summary>Found and returned stock comes back onto the shelf (+); every other reason takes stock off it (−).</summary>
    public static bool IsCredit(this AdjustmentReason reason) => reason switch
    {
        AdjustmentReason.Found or AdjustmentReason.Returned => true,
        AdjustmentReason.Expired or AdjustmentReason.Damaged or AdjustmentReason.Lost or AdjustmentReason.Stolen => false,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown adjustment reason."),
    };
}
