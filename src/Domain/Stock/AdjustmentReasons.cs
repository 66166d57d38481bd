namespace MhSupply.Stock;

/// <summary>Signs of <see cref="AdjustmentReason"/> (its wire names are <see cref="WireNames{T}"/>).</summary>
public static class AdjustmentReasons
{
    /// <summary>Found and returned stock comes back onto the shelf (+); every other reason takes stock off it (−).</summary>
    public static bool IsCredit(this AdjustmentReason reason) => reason switch
    {
        AdjustmentReason.Found or AdjustmentReason.Returned => true,
        AdjustmentReason.Expired or AdjustmentReason.Damaged or AdjustmentReason.Lost or AdjustmentReason.Stolen => false,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown adjustment reason."),
    };
}
