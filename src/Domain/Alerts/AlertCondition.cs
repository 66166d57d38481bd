namespace MhSupply.Alerts;

/// <summary>
/// A condition that should have an open alert. <see cref="Subject"/> identifies what it is about, so that at most one
/// alert per (kind, subject) is open: "facility/medicine" for card alerts, "facility/medicine/lot" for lot alerts.
/// </summary>
public sealed record AlertCondition(string Kind, string Subject, string Facility, string? Medicine, string? Lot, string Message);
