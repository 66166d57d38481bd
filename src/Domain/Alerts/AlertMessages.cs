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

    /// <summary>
    /// The alert a referral's deadline raises when it passes (kept on its due-index row until then): the person by their
    /// code, the facilities by name, the deadline's own reason (the one the worklist shows: ReferralDeadlines.Next) and
    /// the day it fell due in the facilities' calendar. No referral id and no ISO instant: it is read by a coordinator.
    /// </summary>
    /// <param name="to">The receiving facility's name, or the service asked for when no facility has claimed it.</param>
    public static string ReferralDeadlinePassed(string patientCode, string urgency, string from, string to,
        MhSupply.Referrals.ReferralDeadline deadline, TimeZoneInfo zone) =>
        $"Patient {patientCode} ({urgency} referral from {from} to {to}): {deadline.Reason}; due {MhSupply.Referrals.LocalDates.Day(deadline.DueAt, zone)}.";

    /// <summary>The alert a follow-up's deadline raises (or escalates, when tracing failed) when it passes; words as above.</summary>
    /// <param name="facility">The referring facility's name: it follows its patient up.</param>
    public static string FollowUpDeadlinePassed(int seq, string patientCode, string facility, DateTimeOffset dueAt,
        MhSupply.Referrals.FollowUpDeadline deadline, TimeZoneInfo zone) =>
        $"Patient {patientCode}, follow-up visit {seq} at {facility} (due {MhSupply.Referrals.LocalDates.Day(dueAt, zone)}): {deadline.Reason}.";

    public static string PrescribedItemUnavailable(Guid referral, string medicine, string facility) =>
        $"Back-referral {referral} prescribes {medicine}, which {facility} has at zero or below its emergency order point.";

    private static string Month(DateOnly period) => period.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
