using Microsoft.Extensions.Logging;

namespace MhSupply.Jobs;

/// <summary>What Hangfire invokes: finds the job by name, so stored jobs survive refactoring of job classes.</summary>
public sealed class RecurringJobRunner(IEnumerable<IRecurringJob> jobs, ILogger<RecurringJobRunner> logger)
{
    public static bool Exists(IEnumerable<IRecurringJob> jobs, string name) => jobs.Any(j => j.Name == name);

    public async Task<string> RunAsync(string name, CancellationToken cancellationToken)
    {
        var job = jobs.FirstOrDefault(j => j.Name == name)
            ?? throw new InvalidOperationException($"no recurring job named '{name}'");
        var started = DateTimeOffset.UtcNow;
        var summary = await job.RunAsync(cancellationToken);
        logger.LogInformation("Job {Job} finished in {ElapsedMs} ms: {Summary}", name,
            (DateTimeOffset.UtcNow - started).TotalMilliseconds, summary);
        return summary;
    }
}
