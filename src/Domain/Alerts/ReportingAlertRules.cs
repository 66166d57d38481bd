using MhSupply.Reporting;

namespace MhSupply.Alerts;

/// <summary>
/// The report_overdue alert a facility's reporting calls for (docs/domain.md, "Reporting" and "Alerts"): open while
/// any expected month has no report, naming the months, so a late report for one month leaves it open for the others.
/// </summary>
public static class ReportingAlertRules
{
    /// <summary>Null when the facility owes nothing: an open report_overdue alert then resolves.</summary>
    public static AlertCondition? ConditionFor(string facility, string facilityName, ReportingStatus status, int dueDay) =>
        status.Overdue.Count == 0
            ? null
            : new AlertCondition(AlertKinds.ReportOverdue, facility, facility, null, null, AlertMessages.ReportOverdue(new Named(facility, facilityName), status.Overdue, dueDay));
}
