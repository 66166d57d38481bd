namespace MhSupply.Alerts;

/// <summary>"Alerts" configuration (docs/domain.md "Configuration" defaults).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>An alert nobody acknowledged within this time is escalated to the district manager.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Monthly reports are due by this day of the following month.</summary>
    public int ReportDueDay { get; set; } = 10;

    /// <summary>A submitted order neither approved nor rejected within this time raises order_not_approved (issue 18).</summary>
    public TimeSpan OrderApprovalDelay { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A shipment not received within this time of leaving the supplier raises shipment_not_received.</summary>
    public TimeSpan ShipmentReceiptDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many due items one scan transaction claims; a scan repeats until nothing is due.</summary>
    public int ScanBatchSize { get; set; } = 5000;
}
