namespace MhSupply.Jobs;

/// <summary>
/// A recurring job, keyed by its name (<see cref="JobNames"/>): the admin API runs it now through this grain, on a silo,
/// where the jobs and the stores they write live. One activation per name, so two admins cannot run the same job at once.
/// </summary>
[Alias("mh.jobs.IRecurringJobGrain")]
public interface IRecurringJobGrain : IGrainWithStringKey
{
    /// <summary>Runs the job to its end and says what it did. A scan over a large due-index can outlast the usual response timeout.</summary>
    [Alias("Run"), ResponseTimeout("00:10:00")]
    Task<string> Run();
}
