using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dapper;
using MhSupply.Alerts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MhSupply.Telemetry;

/// <summary>
/// Numbers of the whole cluster that live in PostgreSQL, read when a reader collects (a Prometheus scrape, an OTLP export)
/// and kept for <c>readInterval</c>, so a scrape every few seconds costs one round trip per interval; with no reader they
/// are never read. Both queries count rows of a partial index (pending outbox rows, alerts not resolved), so their cost
/// follows the backlog, not the tables' history.
/// <para>
/// Open alerts rather than a counter of alerts raised: alerts are raised inside the statements of four write paths (stock
/// projection, referral steps, the alert scan, subject alerts), several of them single SQL statements that answer no
/// rows; counting there would spread an instrument over every caller and still reset with each silo, split across silos.
/// The table already knows what is open, for the whole cluster, across restarts; a rise in open stock-outs is what an
/// operator watches.
/// </para>
/// <para>
/// The two instruments are created once per process, on our process-wide meter, and each instance of this class is one
/// source they read (the gateway has one; a test process holds a gateway per fixture, each on its own database). Not an
/// instrument per instance: OpenTelemetry merges instruments of one name into one stream, and disposing any of them ends
/// the stream for all the others. So each series is tagged with its database (<c>db.namespace</c>), which keeps two
/// sources apart and tells a reader what the number counts.
/// </para>
/// Owned by the meter provider that created it (<c>AddInstrumentation</c>): disposed with it, which removes it as a source.
/// </summary>
public sealed class DatabaseGauges : IDisposable
{
    public const string OutboxPendingName = "mhsupply.outbox.pending";
    public const string AlertsOpenName = "mhsupply.alerts.open";
    public const string DatabaseTag = "db.namespace";

    /// <summary>The outbox's channels (its CHECK constraint): a channel with nothing waiting reports 0, not nothing.</summary>
    private static readonly string[] Channels = ["email", "webhook", "sms"];

    private static readonly string[] OpenStatuses = ["open", "acknowledged"];

    private static readonly ConcurrentDictionary<DatabaseGauges, bool> Sources = new();

    static DatabaseGauges()
    {
        MhSupplyMeter.Meter.CreateObservableGauge(OutboxPendingName, () => Sources.Keys.SelectMany(s => s.Read().Outbox), unit: "{notification}",
            description: "Notifications waiting in the outbox to be delivered (due or scheduled for a retry), by channel");
        MhSupplyMeter.Meter.CreateObservableGauge(AlertsOpenName, () => Sources.Keys.SelectMany(s => s.Read().Alerts), unit: "{alert}",
            description: "Alerts not resolved, by kind and status (open, acknowledged)");
    }

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly TimeSpan _readInterval;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _database;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private long _readAt;

    public DatabaseGauges(NpgsqlDataSource dataSource, TimeSpan readInterval, ILogger<DatabaseGauges> logger, TimeProvider? time = null)
    {
        _dataSource = dataSource;
        _readInterval = readInterval;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _database = new(DatabaseTag, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database);
        Sources.TryAdd(this, true);
    }

    public void Dispose() => Sources.TryRemove(this, out _);

    /// <summary>
    /// Observable callbacks are synchronous: the read is too, on the collecting thread, one reader at a time (the others
    /// take what it read). A failed read reports nothing, rather than a stale number, until the interval has passed.
    /// </summary>
    private Snapshot Read()
    {
        lock (_gate)
        {
            if (_snapshot is not null && _time.GetElapsedTime(_readAt) < _readInterval)
            {
                return _snapshot;
            }
            try
            {
                _snapshot = Query();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                _logger.LogWarning("Could not read the outbox and alert gauges of {Database}; none reported for {Interval}: {Error}",
                    _database.Value, _readInterval, e.Message);
                _snapshot = Snapshot.None;
            }
            _readAt = _time.GetTimestamp();
            return _snapshot;
        }
    }

    private Snapshot Query()
    {
        using var connection = _dataSource.OpenConnection();
        using var results = connection.QueryMultiple(new CommandDefinition("""
            SELECT channel, count(*) FROM mh.outbox WHERE status = 'pending' GROUP BY channel;
            SELECT kind, status, count(*) FROM mh.alert WHERE status <> 'resolved' GROUP BY kind, status;
            """, commandTimeout: 5));
        var outbox = results.Read<(string Channel, long Count)>().ToDictionary(r => r.Channel, r => r.Count);
        var alerts = results.Read<(string Kind, string Status, long Count)>().ToDictionary(r => (r.Kind, r.Status), r => r.Count);
        return new Snapshot(
            [.. Channels.Union(outbox.Keys).Select(c => new Measurement<long>(outbox.GetValueOrDefault(c), new("channel", c), _database))],
            [.. AlertKinds.All.SelectMany(k => OpenStatuses.Select(s => (k, s))).Union(alerts.Keys)
                .Select(a => new Measurement<long>(alerts.GetValueOrDefault(a), new("kind", a.Item1), new("status", a.Item2), _database))]);
    }

    private sealed record Snapshot(Measurement<long>[] Outbox, Measurement<long>[] Alerts)
    {
        public static readonly Snapshot None = new([], []);
    }
}
