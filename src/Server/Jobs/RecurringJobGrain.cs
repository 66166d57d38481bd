namespace MhSupply.Jobs;

/// <summary>Runs a recurring job on demand, on the silo that hosts the activation (the Hangfire runner does the same on schedule).</summary>
[GrainType("recurring-job")]
public sealed class RecurringJobGrain(RecurringJobRunner runner) : Grain, IRecurringJobGrain
{
    public Task<string> Run() => runner.RunAsync(this.GetPrimaryKeyString(), CancellationToken.None);
}
