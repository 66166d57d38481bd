using MhSupply.Alerts;
using MhSupply.Stock;

namespace MhSupply.Referrals;

/// <summary>
/// Whether a facility can supply what a back-referral prescribes (issue 18, item 3): with the dose in numbers, the course
/// still to be taken must be on hand; without, the card must at least hold stock above its emergency order point. The
/// same test picks a facility of the district that could supply it instead.
/// </summary>
public static class PrescribedSupply
{
    /// <param name="needed">Units the course still needs (<see cref="PlanMedicine.RemainingFrom"/>); null for a free-text dose.</param>
    public static bool Covers(int soh, StockStatus status, int? needed) =>
        soh > 0 && !StockCalculator.IsEmergency(status) && (needed is not { } units || soh >= units);
}

/// <summary>A prescribed medicine the PHC cannot supply, and where in the district it could come from (null when nowhere).</summary>
public sealed record PrescribedShortfall(string Medicine, int Soh, int? Needed, Named? Elsewhere = null, int ElsewhereSoh = 0);
