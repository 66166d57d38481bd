using MhSupply.Alerts;
using MhSupply.Reference;
using Npgsql;

namespace MhSupply.Stock;

/// <summary>
/// The reporting part of a projection: the months the facility reported for (mh.stock_report_period) and what it now
/// owes (its report_overdue alert and next check, <see cref="ReportingSchedule"/>'s), read from the events in memory.
/// </summary>
internal sealed class ReportingProjection(StockFacility facility, FacilityCards cards, FacilityDirectory facilities, ReportingSchedule reporting)
{
    /// <summary>
    /// Written when a report brought a new month (or an earlier first recording of one), after a failed batch, and on a
    /// full projection (<paramref name="rewriteAll"/>): then the facility's rows are rewritten from the events in memory,
    /// which are the ledger's.
    /// </summary>
    public async Task<IReadOnlyList<NpgsqlBatchCommand>> CommandsAsync(bool rewriteAll, DateTimeOffset now, string actor)
    {
        var periods = cards.Periods();
        // Kept until a projection succeeds: a failed one leaves the rewrite to the next.
        var rewrite = rewriteAll || periods.RewritePending;
        if (!rewrite && periods.Changed.Count == 0)
        {
            return [];
        }
        // The registry decides from which month the facility is expected; an admin may have changed it since activation.
        facility.Record = await facilities.FindAsync(facility.Id) ?? facility.Record;
        var written = rewrite ? periods.FirstRecorded.Keys.ToList() : periods.Changed.ToList();
        return [.. ReportedPeriodRows.Commands(facility.Id, written.Select(p => (p, periods.FirstRecorded[p])).ToList(), replaceAll: rewrite),
            .. reporting.Commands(facility.Record, periods.Periods, now, actor)];
    }

    /// <summary>The projection that carried the commands committed: the months in memory are the table's.</summary>
    public void Saved() => cards.Periods().Saved();
}
