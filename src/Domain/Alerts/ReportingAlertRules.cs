using System.Globalization;
using MhSupply.Reporting;

namespace MhSupply.Alerts;

/// <summary>
/// The report_overdue alert a facility's reporting calls for (domain reference, "Reporting" and "Alerts"): open while
/// any expected month has no report, naming the months, so a late report for one month leaves it open for the others.
/// </summary>
public static class ReportingAlertRules
{
    /// <summary>Null when the facility owes nothing: an open report_overdue alert then resolves.</summary>
    public static AlertCondition? ConditionFor(string facility, string facilityName, ReportingStatus status, int dueDay) =>
        status.Overdue.Count == 0
            ? null
            : new AlertCondition(AlertKinds.ReportOverdue, facility, facility, null, null, Message(facilityName, status.Overdue, dueDay));

    private static string Message(string facilityName, IReadOnlyList<DateOnly> overdue, int dueDay)
    {
        var months = overdue.Count switch
        {
            1 => Month(overdue[0]),
            <= 4 => $"{overdue.Count} months: {string.Join(", ", overdue.Take(overdue.Count - 1).Select(Month))} and {Month(overdue[^1])}",
            _ => $"{overdue.Count} months, from {Month(overdue[0])} to {Month(overdue[^1])}",
        };
        return $"No stock report from {facilityName} for {months}. Each month's report is due by day {dueDay} of the next month.";
    }

    private static string Month(DateOnly period) => period.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
