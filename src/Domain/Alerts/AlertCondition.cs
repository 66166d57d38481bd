namespace MhSupply.Alerts;

/// <summary>
/// A condition that should have an open alert. <see cref="Subject"/> identifies what it is about, so that at most one
/// alert per (kind, subject) is open: "facility/medicine" for card alerts, "facility/medicine/lot" for lot alerts.
/// <see cref="Text"/> is what the alert says, as a template code with parameters and in English.
/// </summary>
public sealed record AlertCondition(string Kind, string Subject, string Facility, string? Medicine, string? Lot, AlertText Text)
{
    public string Message => Text.Message;
}
