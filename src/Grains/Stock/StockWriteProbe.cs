namespace MhSupply.Stock;

/// <summary>
/// The steps of a stock write, from reading an event to answering; failure-injection tests throw at each to prove that
/// the facility grain never holds what the ledger does not.
/// </summary>
public enum StockWriteStep
{
    /// <summary>An event of the batch was read and checked on its own.</summary>
    Parse,

    /// <summary>Inside the card: the event passed the content checks (<see cref="StockCardStep.Admit"/>).</summary>
    Admit,

    /// <summary>Inside the card: lines and lots derived, card unchanged (<see cref="StockCardStep.LotBookkeeping"/>).</summary>
    LotBookkeeping,

    /// <summary>Inside the card: lines changed, cached months not yet forgotten (<see cref="StockCardStep.MonthBookkeeping"/>).</summary>
    MonthBookkeeping,

    BeforeCommit,
    AfterCommit,

    /// <summary>Committed; the touched cards are noted as unprojected and the projection timer is about to be set.</summary>
    ProjectionScheduling,

    /// <summary>Events committed and answered; the read model, card alerts and due-index not yet written.</summary>
    BeforeProjection,
}

/// <summary>
/// A seam for failure-injection tests: production registers it with no hook (a null check per step), tests throw from
/// it to prove that a failure at any step leaves grain, ledger and read model in agreement.
/// </summary>
public sealed class StockWriteProbe
{
    public Func<string, StockWriteStep, ValueTask>? Hook { get; set; }

    public ValueTask At(string facility, StockWriteStep step) => Hook?.Invoke(facility, step) ?? ValueTask.CompletedTask;

    /// <summary>For steps inside synchronous code: the hook may throw, and must not wait.</summary>
    public void Check(string facility, StockWriteStep step)
    {
        if (Hook?.Invoke(facility, step) is { } pending)
        {
            if (!pending.IsCompleted)
            {
                throw new InvalidOperationException($"A probe hook at {step} must complete synchronously.");
            }
            pending.GetAwaiter().GetResult();
        }
    }

    /// <summary>The card's steps, reported as this facility's write steps.</summary>
    public Action<StockCardStep> ForCards(string facility) => step => Check(facility, step switch
    {
        StockCardStep.Admit => StockWriteStep.Admit,
        StockCardStep.LotBookkeeping => StockWriteStep.LotBookkeeping,
        _ => StockWriteStep.MonthBookkeeping,
    });
}
