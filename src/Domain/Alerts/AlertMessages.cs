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
        public const string PrescribedItemShort = "prescribed_item_short";
        public const string PrescribedItemShortElsewhere = "prescribed_item_short_elsewhere";
        public const string PrescribedItemUnavailableElsewhere = "prescribed_item_unavailable_elsewhere";
        public const string StockOutOnPlans = "stock_out_on_plans";
        public const string BelowEopOnPlans = "below_eop_on_plans";

        /// <summary>The same, when none of those people has a follow-up visit scheduled: no "next is due" to give.</summary>
        public const string StockOutOnPlansUndated = "stock_out_on_plans_undated";
        public const string BelowEopOnPlansUndated = "below_eop_on_plans_undated";
        public const string OrderNotApproved = "order_not_approved";
        public const string ShipmentNotReceived = "shipment_not_received";

        /// <summary>A follow-up visit not attended within the grace after it was due.</summary>
        public const string FollowUpNotAttended = "follow_up_not_attended";

        /// <summary>A missed visit whose tracing found no contact in time (the escalation).</summary>
        public const string FollowUpNoContact = "follow_up_no_contact";

        /// <summary>A referral deadline's template, by what the referral waits for (ReferralDeadlines.WhyCode).</summary>
        public static string Referral(string whyCode) => "referral_" + whyCode;

        /// <summary>Every referral deadline template, one per waiting state's why code.</summary>
        public static IReadOnlyList<string> ReferralDeadlines { get; } =
        [
            .. Enum.GetValues<MhSupply.Referrals.ReferralStatus>().Select(MhSupply.Referrals.ReferralDeadlines.WhyCode).OfType<string>().Select(Referral),
        ];

        /// <summary>Every template code an alert can carry: each needs its alertText.{code} string in every language.</summary>
        public static IReadOnlyList<string> All { get; } =
        [
            StockOut, BelowEop, Expiring, ExpiredOnShelf, ReportOverdue, PrescribedItemUnavailable, FollowUpNotAttended, FollowUpNoContact,
            OrderNotApproved, ShipmentNotReceived, StockOutOnPlans, BelowEopOnPlans, StockOutOnPlansUndated, BelowEopOnPlansUndated,
            PrescribedItemShort, PrescribedItemShortElsewhere, PrescribedItemUnavailableElsewhere, .. ReferralDeadlines,
        ];
    }

    /// <param name="onPlans">People on active treatment plans of the medicine there, and the earliest of their next visits
    /// (issue 18, item 3): who the stock-out hits, and how soon.</param>
    public static AlertText StockOut(Named medicine, Named facility, (int People, DateOnly? NextDue) onPlans = default) => onPlans.People > 0
        ? AlertText.Of(onPlans.NextDue is null ? Codes.StockOutOnPlansUndated : Codes.StockOutOnPlans,
            $"{medicine.Name} is stocked out at {facility.Name}. {People(onPlans)}",
            [.. Of(medicine, facility), .. PlanParams(onPlans)])
        : AlertText.Of(Codes.StockOut, $"{medicine.Name} is stocked out at {facility.Name}.", Of(medicine, facility));

    public static AlertText BelowEop(Named medicine, Named facility, decimal? monthsOfStock, int soh, (int People, DateOnly? NextDue) onPlans = default)
    {
        var words = string.Create(CultureInfo.InvariantCulture,
            $"{medicine.Name} at {facility.Name} is below the emergency order point: {monthsOfStock:0.##} months of stock left ({soh} units); order now.");
        (string, object?)[] figures = [.. Of(medicine, facility), ("mos", monthsOfStock is { } m ? Math.Round(m, 2) : null), ("soh", soh)];
        return onPlans.People > 0
            ? AlertText.Of(onPlans.NextDue is null ? Codes.BelowEopOnPlansUndated : Codes.BelowEopOnPlans, $"{words} {People(onPlans)}",
                [.. figures, .. PlanParams(onPlans)])
            : AlertText.Of(Codes.BelowEop, words, figures);
    }

    private static string People((int People, DateOnly? NextDue) onPlans) =>
        (onPlans.People == 1 ? "1 person on a treatment plan depends on it" : $"{onPlans.People} people on treatment plans depend on it")
        + (onPlans.NextDue is { } next ? $"; the next is due on {Day(next)}." : "; no follow-up visit is scheduled.");

    /// <summary>The people, and their next visit when one is scheduled (the undated templates have no place for it).</summary>
    private static (string, object?)[] PlanParams((int People, DateOnly? NextDue) onPlans) =>
        onPlans.NextDue is { } next ? [("people", onPlans.People), ("nextDue", IsoDay(next))] : [("people", onPlans.People)];

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
    /// Its code is the deadline's why (<c>referral_{why}</c>: one template per waiting state, so the words in any language
    /// say what the worklist says); its parameters the patient code, the urgency, the facilities' codes and names (the
    /// service asked for while no facility has claimed it), the allowed wait in minutes and the local day it fell due.
    /// </summary>
    /// <param name="to">The receiving facility, or, with <paramref name="toService"/>, the words naming the service asked for.</param>
    /// <param name="toService">The service asked for while no facility has claimed the referral.</param>
    public static AlertText ReferralDeadlinePassed(string patientCode, string urgency, Named from, Named to,
        MhSupply.Referrals.ReferralDeadline deadline, TimeZoneInfo zone, string? toService = null)
    {
        var message = $"Patient {patientCode} ({urgency} referral from {from.Name} to {to.Name}): {deadline.Reason}; due {MhSupply.Referrals.LocalDates.Day(deadline.DueAt, zone)}.";
        // A deadline read back from its row has no why: its English words are all it has.
        if (deadline.WhyCode is not { } why || deadline.Wait is not { } wait)
        {
            return message;
        }
        return AlertText.Of(Codes.Referral(why), message,
            ("patient", patientCode), ("urgency", urgency), ("from", from.Code), ("fromName", from.Name),
            ("to", toService is null ? to.Code : null), ("service", toService), ("toName", to.Name),
            ("waitMinutes", Minutes(wait)), ("due", LocalDay(deadline.DueAt, zone)));
    }

    /// <summary>
    /// The alert a follow-up's deadline raises (or escalates, when tracing failed) when it passes; words as above. Its code
    /// tells the two stages apart (<c>follow_up_not_attended</c>, <c>follow_up_no_contact</c>), its parameters give the
    /// patient code, the visit's number and local due day, the facility and the allowed wait in minutes.
    /// </summary>
    /// <param name="facility">The referring facility: it follows its patient up.</param>
    public static AlertText FollowUpDeadlinePassed(int seq, string patientCode, Named facility, DateTimeOffset dueAt,
        MhSupply.Referrals.FollowUpDeadline deadline, TimeZoneInfo zone)
    {
        var message = $"Patient {patientCode}, follow-up visit {seq} at {facility.Name} (due {MhSupply.Referrals.LocalDates.Day(dueAt, zone)}): {deadline.Reason}.";
        if (deadline.Wait is not { } wait)
        {
            return message;
        }
        return AlertText.Of(deadline.Escalation ? Codes.FollowUpNoContact : Codes.FollowUpNotAttended, message,
            [("patient", patientCode), ("seq", seq), .. Of(facility), ("visitDue", LocalDay(dueAt, zone)), ("waitMinutes", Minutes(wait))]);
    }

    /// <param name="shortfall">With the dose in numbers, the course it needs against what is on hand, and a facility of the
    /// district that has enough (issue 18, item 3); without, the words of a card at zero or below its emergency point.</param>
    public static AlertText PrescribedItemUnavailable(Guid referral, Named medicine, Named facility, MhSupply.Referrals.PrescribedShortfall? shortfall = null)
    {
        (string, object?)[] basis = [("referral", referral.ToString()), .. Of(medicine, facility)];
        var elsewhere = shortfall?.Elsewhere is { } other
            ? string.Create(CultureInfo.InvariantCulture, $" {other.Name} in the district has enough ({shortfall.ElsewhereSoh} units).")
            : "";
        (string, object?)[] where = shortfall?.Elsewhere is { } o
            ? [("elsewhere", o.Code), ("elsewhereName", o.Name), ("elsewhereSoh", shortfall.ElsewhereSoh)]
            : [];
        if (shortfall?.Needed is { } needed)
        {
            return AlertText.Of(where.Length > 0 ? Codes.PrescribedItemShortElsewhere : Codes.PrescribedItemShort,
                string.Create(CultureInfo.InvariantCulture,
                    $"A back-referral prescribes {needed} units of {medicine.Name} for the course; {facility.Name} has {shortfall.Soh} on hand.{elsewhere}"),
                [.. basis, ("needed", needed), ("soh", shortfall.Soh), .. where]);
        }
        return AlertText.Of(where.Length > 0 ? Codes.PrescribedItemUnavailableElsewhere : Codes.PrescribedItemUnavailable,
            $"A back-referral prescribes {medicine.Name}, which {facility.Name} has at zero or below its emergency order point.{elsewhere}",
            [.. basis, .. where]);
    }

    /// <summary>
    /// An order still waiting for approval when its delay passed: to the supplier (its head approves) and the district
    /// manager, naming who ordered, when, how many medicines and whether it is an emergency.
    /// </summary>
    public static AlertText OrderNotApproved(Guid order, Named facility, Named supplier, DateTimeOffset submittedAt, TimeSpan delay, int medicines,
        bool emergency, TimeZoneInfo zone) => AlertText.Of(Codes.OrderNotApproved,
        string.Create(CultureInfo.InvariantCulture,
            $"{(emergency ? "The emergency order" : "The order")} of {facility.Name} to {supplier.Name}, submitted {Day(LocalDate(submittedAt, zone))}, has waited {DurationWords(delay)} for approval ({medicines} medicines). The district manager or the head of {supplier.Name} should approve or reject it."),
        [("order", order.ToString()), .. Of(facility), ("supplier", supplier.Code), ("supplierName", supplier.Name),
            ("submittedOn", LocalDay(submittedAt, zone)), ("waitMinutes", Minutes(delay)), ("medicines", medicines), ("emergency", emergency)]);

    /// <summary>A shipment not received when its delay passed: to the ordering facility, naming the supplier, the day and the units.</summary>
    public static AlertText ShipmentNotReceived(Guid order, Named facility, Named supplier, DateTimeOffset shippedAt, TimeSpan delay, int units,
        TimeZoneInfo zone) => AlertText.Of(Codes.ShipmentNotReceived,
        string.Create(CultureInfo.InvariantCulture,
            $"The shipment of {units} units from {supplier.Name} to {facility.Name}, sent {Day(LocalDate(shippedAt, zone))}, has not been received after {DurationWords(delay)}. The pharmacist of {facility.Name} should receive it, or report what did not arrive."),
        [("order", order.ToString()), .. Of(facility), ("supplier", supplier.Code), ("supplierName", supplier.Name),
            ("shippedOn", LocalDay(shippedAt, zone)), ("waitMinutes", Minutes(delay)), ("units", units)]);

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static string DurationWords(TimeSpan wait) => MhSupply.Referrals.DurationText.Describe(wait);

    /// <summary>A medicine and a facility as parameters: their codes (a client looks the names up) and the names written.</summary>
    private static (string, object?)[] Of(Named medicine, Named facility) =>
        [("medicine", medicine.Code), ("medicineName", medicine.Name), .. Of(facility)];

    private static (string, object?)[] Of(Named facility) => [("facility", facility.Code), ("facilityName", facility.Name)];

    /// <summary>A wait as a whole number of minutes: a client words it in days, hours or minutes, whichever is exact.</summary>
    private static long Minutes(TimeSpan wait) => (long)Math.Ceiling(wait.TotalMinutes);

    /// <summary>The local day of an instant in the facilities' calendar, as an ISO day for a client to write.</summary>
    private static string LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        IsoDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

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
