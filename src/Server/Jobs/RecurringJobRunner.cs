using System.Diagnostics;
using MhSupply.Telemetry;
using Microsoft.Extensions.Logging;

namespace MhSupply.Jobs;

/// <summary>What Hangfire invokes: finds the job by name, so stored jobs survive refactoring of job classes.</summary>
public sealed class RecurringJobRunner(IEnumerable<IRecurringJob> jobs, ILogger<RecurringJobRunner> logger)
{
    public static bool Exists(IEnumerable<IRecurringJob> jobs, string name) => jobs.Any(j => j.Name == name);

    /// <summary>Every run, scheduled (Hangfire) or on demand (the admin API, through RecurringJobGrain), is timed here.</summary>
    public async Task<string> RunAsync(string name, CancellationToken cancellationToken)
    {
        var job = jobs.FirstOrDefault(j => j.Name == name)
            ?? throw new InvalidOperationException($"no recurring job named '{name}'");
        var started = Stopwatch.GetTimestamp();
        string summary;
        try
        {
            summary = await job.RunAsync(cancellationToken);
        }
        catch
        {
            JobTelemetry.Finished(name, succeeded: false, Stopwatch.GetElapsedTime(started));
            throw;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        JobTelemetry.Finished(name, succeeded: true, elapsed);
        logger.LogInformation("Job {Job} finished in {ElapsedMs} ms: {Summary}", name, elapsed.TotalMilliseconds, summary);
        return summary;
    }
}
