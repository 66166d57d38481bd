namespace MhSupply.Alerts;

/// <summary>Alert kinds of docs/domain.md ("Alerts"), by their wire names.</summary>
public static class AlertKinds
{
    public const string StockOut = "stock_out";
    public const string BelowEop = "below_eop";
    public const string Expiring = "expiring";
    public const string ExpiredOnShelf = "expired_on_shelf";
    public const string ReportOverdue = "report_overdue";
    public const string ReferralNotAccepted = "referral_not_accepted";

    /// <summary>Accepted but no appointment booked in time (the accepted row of the referral table).</summary>
    public const string ReferralNotBooked = "referral_not_booked";
    public const string AppointmentMissed = "appointment_missed";
    public const string BackReferralOverdue = "back_referral_overdue";
    public const string FollowUpMissed = "follow_up_missed";
    public const string PrescribedItemUnavailable = "prescribed_item_unavailable";

    /// <summary>An order submitted and neither approved nor rejected within Alerts:OrderApprovalDelay (issue 18).</summary>
    public const string OrderNotApproved = "order_not_approved";

    /// <summary>A shipment not received within Alerts:ShipmentReceiptDelay of leaving the supplier (issue 18).</summary>
    public const string ShipmentNotReceived = "shipment_not_received";

    public static IReadOnlyList<string> All { get; } =
    [
        StockOut, BelowEop, Expiring, ExpiredOnShelf, ReportOverdue, ReferralNotAccepted, AppointmentMissed, BackReferralOverdue,
        FollowUpMissed, PrescribedItemUnavailable, ReferralNotBooked, OrderNotApproved, ShipmentNotReceived,
    ];

    /// <summary>Kinds raised while an order waits for its next step: the step resolves them.</summary>
    public static IReadOnlyList<string> OrderKinds { get; } = [OrderNotApproved, ShipmentNotReceived];

    /// <summary>Kinds decided by a stock card's own figures: re-evaluated whenever the card changes.</summary>
    public static IReadOnlyList<string> CardKinds { get; } = [StockOut, BelowEop, Expiring, ExpiredOnShelf];

    /// <summary>Kinds raised while a referral waits for its next step (acceptance, the appointment, the back-referral).</summary>
    public static IReadOnlyList<string> ReferralStepKinds { get; } = [ReferralNotAccepted, ReferralNotBooked, AppointmentMissed, BackReferralOverdue];
}
