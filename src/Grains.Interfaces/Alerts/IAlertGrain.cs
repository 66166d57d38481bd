namespace MhSupply.Alerts;

/// <summary>An alert of the inbox, keyed by its id: acknowledging it is a write, so it goes through the grain.</summary>
[Alias("mh.alerts.IAlertGrain")]
public interface IAlertGrain : IGrainWithGuidKey
{
    /// <summary>Records who took the alert in hand; false when it was already acknowledged or resolved.</summary>
    [Alias("Acknowledge")]
    Task<bool> Acknowledge(string actor, string? note);
}
