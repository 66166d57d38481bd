namespace MhSupply.Stock;

/// <summary>The steps of a stock write at which a failure is survivable; crash tests fail the process at each.</summary>
public enum StockWriteStep
{
    BeforeCommit,
    AfterCommit,

    /// <summary>Events committed and answered; the read model, card alerts and due-index not yet written.</summary>
    BeforeProjection,
}

/// <summary>
/// A seam for crash tests: production registers it with no hook (a null check per batch), tests throw from it
/// to prove that a failure between two steps leaves grain, ledger and read model in agreement.
/// </summary>
public sealed class StockWriteProbe
{
    public Func<string, StockWriteStep, ValueTask>? Hook { get; set; }

    public ValueTask At(string facility, StockWriteStep step) => Hook?.Invoke(facility, step) ?? ValueTask.CompletedTask;
}
