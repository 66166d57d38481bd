namespace MhSupply.Jobs;

/// <summary>"Jobs" configuration: whether this process runs a Hangfire server, and the recurring schedules.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Runs the Hangfire server in this process (silos do; a pure gateway only enqueues and shows the dashboard).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = 2;

    /// <summary>Cron expressions by job name; a job without one is not scheduled but can still be run on demand.</summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);
}
