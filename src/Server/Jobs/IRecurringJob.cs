namespace MhSupply.Jobs;

/// <summary>A system-wide scheduled job, run by Hangfire on its schedule or on demand by an admin.</summary>
public interface IRecurringJob
{
    /// <summary>Stable id: the Hangfire recurring job id, the configuration key and the admin API's {jobName}.</summary>
    string Name { get; }

    /// <summary>The time zone its cron schedule is read in; UTC unless the job's work follows local days.</summary>
    TimeZoneInfo ScheduleTimeZone => TimeZoneInfo.Utc;

    /// <summary>Does one batch of work and says what it did (for logs and the admin API).</summary>
    Task<string> RunAsync(CancellationToken cancellationToken);
}
