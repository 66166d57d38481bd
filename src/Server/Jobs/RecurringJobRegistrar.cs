using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MhSupply.Jobs;

/// <summary>
/// Registers every recurring job, with a stable id, from the schedules in configuration: the one place
/// where system-wide schedules are declared. Jobs without a schedule are removed so that a schedule
/// dropped from configuration stops running.
/// </summary>
internal sealed class RecurringJobRegistrar(
    IRecurringJobManager jobs,
    IEnumerable<IRecurringJob> known,
    IOptions<JobsOptions> options,
    ILogger<RecurringJobRegistrar> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in known)
        {
            if (options.Value.Schedules.TryGetValue(job.Name, out var cron) && !string.IsNullOrWhiteSpace(cron))
            {
                jobs.AddOrUpdate<RecurringJobRunner>(job.Name, r => r.RunAsync(job.Name, CancellationToken.None), cron,
                    new RecurringJobOptions { TimeZone = job.ScheduleTimeZone });
                logger.LogInformation("Recurring job {Job} scheduled at {Cron} ({TimeZone})", job.Name, cron, job.ScheduleTimeZone.Id);
            }
            else
            {
                jobs.RemoveIfExists(job.Name);
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
