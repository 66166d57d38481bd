using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MhSupply.Jobs;
using MhSupply.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace MhSupply.Tests.Foundation;

/// <summary>
/// The histograms recorded where recurring jobs run and (once wired) where the stock projection writes, read through a
/// listener as an exporter reads them. Job names are unique per test: other hosts of the test process record too.
/// </summary>
public sealed class JobAndLagMetricsTests
{
    [Fact]
    public async Task A_job_that_succeeds_is_timed_with_its_name_and_outcome()
    {
        var name = "watch-ok-" + Guid.NewGuid().ToString("N")[..8];
        var runner = new RecurringJobRunner([new Job(name, TimeSpan.FromMilliseconds(120), fails: false)], NullLogger<RecurringJobRunner>.Instance);
        using var recorded = new Recorded(JobTelemetry.DurationName);

        Assert.Equal("done", await runner.RunAsync(name, CancellationToken.None));

        var (seconds, tags) = Assert.Single(recorded.For(JobTelemetry.JobTag, name));
        Assert.Equal(JobTelemetry.Succeeded, tags[JobTelemetry.OutcomeTag]);
        Assert.InRange(seconds, 0.1, 30);
    }

    [Fact]
    public async Task A_job_that_throws_is_timed_as_failed_and_its_exception_still_reaches_the_caller()
    {
        var name = "watch-fail-" + Guid.NewGuid().ToString("N")[..8];
        var runner = new RecurringJobRunner([new Job(name, TimeSpan.Zero, fails: true)], NullLogger<RecurringJobRunner>.Instance);
        using var recorded = new Recorded(JobTelemetry.DurationName);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(name, CancellationToken.None));

        var (_, tags) = Assert.Single(recorded.For(JobTelemetry.JobTag, name));
        Assert.Equal(JobTelemetry.Failed, tags[JobTelemetry.OutcomeTag]);
    }

    [Fact]
    public void Projection_lag_is_recorded_in_seconds()
    {
        using var recorded = new Recorded(StockTelemetry.ProjectionLagName);

        StockTelemetry.ProjectionLag(TimeSpan.FromMilliseconds(4321.5));

        Assert.Contains(recorded.Values, v => Math.Abs(v.Value - 4.3215) < 1e-9);
    }

    private sealed class Job(string name, TimeSpan takes, bool fails) : IRecurringJob
    {
        public string Name => name;

        public async Task<string> RunAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(takes, cancellationToken);
            return fails ? throw new InvalidOperationException("the job failed") : "done";
        }
    }

    /// <summary>What the MhSupply meter's instrument of that name records while this lives.</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();

        public Recorded(string instrumentName)
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MhSupplyMeter.Name && instrument.Name == instrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
                Values.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString() ?? ""))));
            _listener.Start();
        }

        public ConcurrentBag<(double Value, Dictionary<string, string> Tags)> Values { get; } = [];

        public IEnumerable<(double Value, Dictionary<string, string> Tags)> For(string tag, string value) =>
            Values.Where(v => v.Tags.GetValueOrDefault(tag) == value);

        public void Dispose() => _listener.Dispose();
    }
}
