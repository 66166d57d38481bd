using System.Globalization;

namespace MhSupply.Alerts;

/// <summary>
/// The words of every alert, with the numbers that raised it: one template per code, whether the alert comes from a card's
/// projection, the alert scan (lots turning expiring or expired) or a referral step (its deadlines in the due-index). Each
/// answers an <see cref="AlertText"/>: the code and parameters a client renders in its language, and the English words
/// (medicine and facility names, days as "3 Dec 2026", the same on every server) for e-mail, webhooks and the API's message.
/// </summary>
public static class AlertMessages
{
    /// <summary>The template codes (the web app's alertText.{code} strings). Old alerts got theirs from their kind (0170).</summary>
    public static class Codes
    {
        public const string StockOut = "stock_out";
        public const string BelowEop = "below_eop";
        public const string Expiring = "expiring";
        public const string ExpiredOnShelf = "expired_on_shelf";
        public const string ReportOverdue = "report_overdue";
        public const string PrescribedItemUnavailable = "prescribed_item_unavailable";
    }

    public static AlertText StockOut(Named medicine, Named facility) => AlertText.Of(Codes.StockOut,
        $"{medicine.Name} is stocked out at {facility.Name}.",
        Of(medicine, facility));

    public static AlertText BelowEop(Named medicine, Named facility, decimal? monthsOfStock, int soh) => AlertText.Of(Codes.BelowEop,
        string.Create(CultureInfo.InvariantCulture,
            $"{medicine.Name} at {facility.Name} is below the emergency order point: {monthsOfStock:0.##} months of stock left ({soh} units); order now."),
        [.. Of(medicine, facility), ("mos", monthsOfStock is { } m ? Math.Round(m, 2) : null), ("soh", soh)]);

    public static AlertText Expiring(string lot, Named medicine, Named facility, DateOnly expiry, int soh) => AlertText.Of(Codes.Expiring,
        string.Create(CultureInfo.InvariantCulture,
            $"Lot {lot} of {medicine.Name} at {facility.Name} expires on {Day(expiry)} with {soh} units on hand."),
        [.. Of(medicine, facility), ("lot", lot), ("expiry", IsoDay(expiry)), ("soh", soh)]);

    public static AlertText ExpiredOnShelf(string lot, Named medicine, Named facility, DateOnly expiry, int soh) => AlertText.Of(Codes.ExpiredOnShelf,
        string.Create(CultureInfo.InvariantCulture,
            $"Lot {lot} of {medicine.Name} at {facility.Name} expired on {Day(expiry)} with {soh} units on the shelf; write it off."),
        [.. Of(medicine, facility), ("lot", lot), ("expiry", IsoDay(expiry)), ("soh", soh)]);

    /// <param name="overdue">The months owed, oldest first (at least one); the parameters list them as ISO months.</param>
    public static AlertText ReportOverdue(Named facility, IReadOnlyList<DateOnly> overdue, int dueDay)
    {
        var months = overdue.Count switch
        {
            1 => Month(overdue[0]),
            <= 4 => $"{overdue.Count} months: {string.Join(", ", overdue.Take(overdue.Count - 1).Select(Month))} and {Month(overdue[^1])}",
            _ => $"{overdue.Count} months, from {Month(overdue[0])} to {Month(overdue[^1])}",
        };
        return AlertText.Of(Codes.ReportOverdue,
            $"No stock report from {facility.Name} for {months}. Each month's report is due by day {dueDay} of the next month.",
            ("facility", facility.Code), ("facilityName", facility.Name),
            ("months", overdue.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToArray()), ("count", overdue.Count), ("dueDay", dueDay));
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

    public static AlertText PrescribedItemUnavailable(Guid referral, Named medicine, Named facility) => AlertText.Of(Codes.PrescribedItemUnavailable,
        $"A back-referral prescribes {medicine.Name}, which {facility.Name} has at zero or below its emergency order point.",
        [("referral", referral.ToString()), .. Of(medicine, facility)]);

    /// <summary>A medicine and a facility as parameters: their codes (a client looks the names up) and the names written.</summary>
    private static (string, object?)[] Of(Named medicine, Named facility) =>
        [("medicine", medicine.Code), ("medicineName", medicine.Name), ("facility", facility.Code), ("facilityName", facility.Name)];

    /// <summary>
    /// A medicine as people name it: its name, strength and form as on the list ("Fluoxetine 20 mg capsule"), the way the web
    /// app's screens name it too (ref.js medicineName).
    /// </summary>
    public static string MedicineName(string name, string? strength, string? form) =>
        string.Join(' ', new[] { name, strength, form }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>A day as people write it ("3 Dec 2026"), never an ISO date in the words.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly period) => period.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
