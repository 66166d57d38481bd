using System.Diagnostics.Metrics;

namespace MhSupply.Telemetry;

/// <summary>How long each run of a recurring job took and how it ended, whether Hangfire or an admin started it.</summary>
public static class JobTelemetry
{
    public const string DurationName = "mhsupply.job.duration";

    /// <summary>
    /// <c>job.name</c>, not <c>job</c>: Prometheus gives every scraped series a <c>job</c> label of its own (the scrape
    /// job) and would rename ours <c>exported_job</c>.
    /// </summary>
    public const string JobTag = "job.name";

    public const string OutcomeTag = "outcome";

    public const string Succeeded = "succeeded";

    public const string Failed = "failed";

    /// <summary>From a few milliseconds (nothing due) to the alert scan over a million cards (minutes): the SDK's default
    /// buckets are for milliseconds and would put every run in the first ones.</summary>
    private static readonly Histogram<double> Duration = MhSupplyMeter.Meter.CreateHistogram(
        DurationName, unit: "s", description: "Duration of recurring job runs, by job and outcome (succeeded, failed)",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800] });

    public static void Finished(string job, bool succeeded, TimeSpan elapsed)
    {
        if (Duration.Enabled)
        {
            Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(JobTag, job),
                new KeyValuePair<string, object?>(OutcomeTag, succeeded ? Succeeded : Failed));
        }
    }
}
