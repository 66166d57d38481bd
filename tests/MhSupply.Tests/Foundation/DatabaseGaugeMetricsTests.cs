using System.Diagnostics.Metrics;
using Dapper;
using MhSupply.Telemetry;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace MhSupply.Tests.Foundation;

/// <summary>The gauges read from PostgreSQL, on a database of their own, read through a listener as an exporter reads them.</summary>
public sealed class DatabaseGaugeMetricsTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Pending_notifications_are_counted_by_channel_and_read_again_only_once_the_interval_has_passed()
    {
        using var gauges = new DatabaseGauges(_database.DataSource, Interval, NullLogger<DatabaseGauges>.Instance, _time);
        var subscription = await Subscription();
        await Outbox(subscription, "pending", "pending", "pending", "delivered", "dead");

        Assert.Equal(new Dictionary<string, long> { ["email"] = 0, ["webhook"] = 3, ["sms"] = 0 }, Outbox(Collect()));

        await Outbox(subscription, "pending");
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, Outbox(Collect())["webhook"]);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(4, Outbox(Collect())["webhook"]);
    }

    [Fact]
    public async Task Alerts_not_resolved_are_counted_by_kind_and_status_with_every_kind_reported()
    {
        using var gauges = new DatabaseGauges(_database.DataSource, Interval, NullLogger<DatabaseGauges>.Instance, _time);
        await Alert("stock_out", "open");
        await Alert("stock_out", "open");
        await Alert("stock_out", "acknowledged");
        await Alert("stock_out", "resolved");
        await Alert("referral_not_accepted", "acknowledged");

        var alerts = Collect().Where(m => m.Instrument == DatabaseGauges.AlertsOpenName)
            .ToDictionary(m => (m.Tags["kind"], m.Tags["status"]), m => m.Value);

        Assert.Equal(2, alerts[("stock_out", "open")]);
        Assert.Equal(1, alerts[("stock_out", "acknowledged")]);
        Assert.Equal(1, alerts[("referral_not_accepted", "acknowledged")]);
        Assert.Equal(0, alerts[("below_eop", "open")]);
        Assert.DoesNotContain(alerts.Keys, k => k.Item2 == "resolved");
        Assert.Equal(MhSupply.Alerts.AlertKinds.All.Count * 2, alerts.Count);
    }

    [Fact]
    public void A_database_that_cannot_be_reached_reports_nothing_and_fails_no_collection()
    {
        var port = FreePort.Next();
        using var unreachable = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=nobody;Database={_database.Name};Timeout=2");
        using var gauges = new DatabaseGauges(unreachable, Interval, NullLogger<DatabaseGauges>.Instance, _time);

        Assert.Empty(Collect());
    }

    /// <summary>The gauges' measurements for this test's database (other hosts of the test process report theirs).</summary>
    private List<(string Instrument, long Value, Dictionary<string, string> Tags)> Collect()
    {
        var measurements = new List<(string, long, Dictionary<string, string>)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MhSupplyMeter.Name
                && instrument.Name is DatabaseGauges.OutboxPendingName or DatabaseGauges.AlertsOpenName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var named = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString() ?? "");
            if (named.GetValueOrDefault(DatabaseGauges.DatabaseTag) == _database.Name)
            {
                measurements.Add((instrument.Name, value, named));
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return measurements;
    }

    private static Dictionary<string, long> Outbox(List<(string Instrument, long Value, Dictionary<string, string> Tags)> measurements) =>
        measurements.Where(m => m.Instrument == DatabaseGauges.OutboxPendingName).ToDictionary(m => m.Tags["channel"], m => m.Value);

    private async Task<Guid> Subscription()
    {
        var id = Guid.NewGuid();
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO mh.subscription (id, channel, target, created_at, created_by)
            VALUES (@id, 'webhook', 'http://127.0.0.1/hook', now(), 'test')
            """, new { id });
        return id;
    }

    private async Task Outbox(Guid subscription, params string[] statuses)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        foreach (var status in statuses)
        {
            await connection.ExecuteAsync("""
                INSERT INTO mh.outbox (idempotency_key, alert_id, change_id, subscription_id, channel, target, payload, status, next_attempt_at)
                VALUES (@key, gen_random_uuid(), 1, @subscription, 'webhook', 'http://127.0.0.1/hook', '{}', @status, now())
                """, new { key = Guid.NewGuid().ToString(), subscription, status });
        }
    }

    private async Task Alert(string kind, string status)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO mh.alert (id, kind, subject, status, message, raised_at)
            VALUES (gen_random_uuid(), @kind, @subject, @status, 'test', now())
            """, new { kind, subject = Guid.NewGuid().ToString(), status });
    }
}
