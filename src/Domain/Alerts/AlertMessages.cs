using System.Globalization;

namespace MhSupply.Alerts;

/// <summary>
/// The words of every alert, with the numbers that raised it: one spelling per kind, whether the alert comes from a card's
/// projection, the alert scan (lots turning expiring or expired) or a referral step (its deadlines in the due-index).
/// Dates are ISO days, so a message reads the same on every server.
/// </summary>
public static class AlertMessages
{
    public static string StockOut(string medicine, string facility) => $"{medicine} is stocked out at {facility}.";

    public static string BelowEop(string medicine, string facility, decimal? monthsOfStock, int soh) => string.Create(CultureInfo.InvariantCulture,
        $"{medicine} at {facility} is below the emergency order point: {monthsOfStock:0.##} months of stock left ({soh} units); order now.");

    public static string Expiring(string lot, string medicine, string facility, DateOnly expiry, int soh) => string.Create(CultureInfo.InvariantCulture,
        $"Lot {lot} of {medicine} at {facility} expires on {expiry:yyyy-MM-dd} with {soh} units on hand.");

    public static string ExpiredOnShelf(string lot, string medicine, string facility, DateOnly expiry, int soh) => string.Create(CultureInfo.InvariantCulture,
        $"Lot {lot} of {medicine} at {facility} expired on {expiry:yyyy-MM-dd} with {soh} units on the shelf; write it off.");

    /// <param name="overdue">The months owed, oldest first (at least one).</param>
    public static string ReportOverdue(string facilityName, IReadOnlyList<DateOnly> overdue, int dueDay)
    {
        var months = overdue.Count switch
        {
            1 => Month(overdue[0]),
            <= 4 => $"{overdue.Count} months: {string.Join(", ", overdue.Take(overdue.Count - 1).Select(Month))} and {Month(overdue[^1])}",
            _ => $"{overdue.Count} months, from {Month(overdue[0])} to {Month(overdue[^1])}",
        };
        return $"No stock report from {facilityName} for {months}. Each month's report is due by day {dueDay} of the next month.";
    }

    /// <summary>The alert a referral's deadline raises when it passes (kept on its due-index row until then).</summary>
    public static string ReferralDeadlinePassed(Guid referral, string urgency, string patientCode, string reason) =>
        $"Referral {referral} ({urgency}, {patientCode}): {reason}";

    /// <summary>The alert a follow-up's deadline raises (or escalates, when tracing failed) when it passes.</summary>
    public static string FollowUpDeadlinePassed(int seq, Guid referral, string patientCode, DateTimeOffset dueAt, string reason) => string.Create(CultureInfo.InvariantCulture,
        $"Follow-up {seq} of referral {referral} ({patientCode}), due {dueAt:yyyy-MM-dd}: {reason}");

    public static string PrescribedItemUnavailable(Guid referral, string medicine, string facility) =>
        $"Back-referral {referral} prescribes {medicine}, which {facility} has at zero or below its emergency order point.";

    private static string Month(DateOnly period) => period.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
