using Dapper;
using MhSupply.Reference;
using MhSupply.Reporting;
using MhSupply.Stock;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Alerts;

/// <summary>
/// Keeps each facility's report_overdue alert and its next reporting check (the due-index row report_due) in line with
/// the reporting calendar. The facility grain asks it with the months it knows from memory when they change; the alert
/// scan, when a check falls due, and the registry, when a facility is registered or changed, with what the tables hold.
/// </summary>
public sealed class ReportingSchedule(IOptions<AlertOptions> alertOptions, IOptions<StockOptions> stockOptions)
{
    public ReportingCalendar Calendar { get; } =
        new(alertOptions.Value.ReportDueDay, TimeZoneInfo.FindSystemTimeZoneById(stockOptions.Value.TimeZone));

    /// <summary>The statements that bring the facility's alert and next check in line, for the caller's transaction.</summary>
    public IEnumerable<NpgsqlBatchCommand> Commands(FacilityRecord facility, IReadOnlySet<DateOnly> reported, DateTimeOffset now, string actor)
    {
        var status = Calendar.Evaluate(facility.OpenedOn, facility.Active, reported, now);
        yield return AlertWriter.ScheduleReportCheck(facility.Id, status.NextCheckAt);
        yield return AlertWriter.SyncSubjectAlert(AlertKinds.ReportOverdue, facility.Id, facility.Id, facility.District,
            ReportingAlertRules.ConditionFor(facility.Id, facility.Name, status, Calendar.DueDay), now, actor, alertOptions.Value.EscalateAfter);
    }

    /// <summary>Checks the given facilities from the registry and the reported months in PostgreSQL, in the caller's transaction.</summary>
    public async Task<int> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> facilities,
        DateTimeOffset now, string actor, CancellationToken cancellationToken = default)
    {
        if (facilities.Count == 0)
        {
            return 0;
        }
        var rows = (await connection.QueryAsync<FacilityReporting>(new CommandDefinition("""
            SELECT f.id, f.name, f.level, f.district, f.region, f.active, f.opened_on AS OpenedOn,
                   coalesce(array_agg(p.period) FILTER (WHERE p.period IS NOT NULL), '{}') AS Periods
            FROM mh.facility f LEFT JOIN mh.stock_report_period p ON p.facility = f.id
            WHERE f.id = ANY(@facilities)
            GROUP BY f.id
            """, new { facilities = facilities.ToArray() }, transaction, cancellationToken: cancellationToken))).AsList();
        if (rows.Count == 0)
        {
            return 0;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var facility = new FacilityRecord(row.Id, row.Name, row.Level, row.District, row.Region, [], row.Active, row.OpenedOn);
            var reported = row.Periods.ToHashSet();
            foreach (var command in Commands(facility, reported, now, actor))
            {
                batch.BatchCommands.Add(command);
            }
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return rows.Count;
    }

    // Dapper binds arrays to settable properties, not to a record's constructor; Npgsql reads date[] as DateOnly[].
    private sealed class FacilityReporting
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Level { get; set; } = "";
        public string District { get; set; } = "";
        public string Region { get; set; } = "";
        public bool Active { get; set; }
        public DateOnly OpenedOn { get; set; }
        public DateOnly[] Periods { get; set; } = [];
    }
}
