using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Alerts;

/// <summary>
/// Keeps the lot part of the due-index in step with a stock projection, in its transaction: each lot on the projected
/// cards gets the times it turns expiring and expired; lots no longer on the shelf leave the index. (A facility's next
/// reporting check is <see cref="ReportingSchedule"/>'s.)
/// </summary>
public static class DueIndexWriter
{
    /// <param name="lotsAdded">Lots (with an expiry) now on the shelf that were not before this commit.</param>
    /// <param name="lotsRemoved">Lots that were on the shelf before this commit and are no longer.</param>
    public static IEnumerable<NpgsqlBatchCommand> Commands(string facility,
        IReadOnlyList<(string Medicine, string Lot, DateOnly Expiry)> lotsAdded, IReadOnlyList<(string Medicine, string Lot)> lotsRemoved,
        int expiryWarningDays)
    {
        // Most commits change quantities, not which lots are on the shelf: then there is nothing to re-index.
        if (lotsAdded.Count == 0 && lotsRemoved.Count == 0)
        {
            yield break;
        }
        var command = new NpgsqlBatchCommand("""
            WITH cleared AS (
                DELETE FROM mh.due_item WHERE kind IN ('lot_expiring', 'lot_expired') AND subject = ANY(@removed)
            )
            INSERT INTO mh.due_item (kind, subject, due_at, facility, medicine, lot)
            SELECT k.kind, @facility || '/' || w.medicine || '/' || w.lot,
                   (CASE k.kind WHEN 'lot_expiring' THEN w.expiry - @warning_days ELSE w.expiry + 1 END)::timestamp AT TIME ZONE 'UTC',
                   @facility, w.medicine, w.lot
            FROM unnest(@medicines, @lots, @expiries) AS w(medicine, lot, expiry)
            CROSS JOIN (VALUES ('lot_expiring'), ('lot_expired')) AS k(kind)
            ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at
            WHERE due_item.due_at IS DISTINCT FROM excluded.due_at
            """);
        var p = command.Parameters;
        p.AddWithValue("facility", facility);
        p.AddWithValue("warning_days", expiryWarningDays);
        p.AddWithValue("removed", lotsRemoved.Select(l => $"{facility}/{l.Medicine}/{l.Lot}").ToArray());
        p.AddWithValue("medicines", lotsAdded.Select(l => l.Medicine).ToArray());
        p.AddWithValue("lots", lotsAdded.Select(l => l.Lot).ToArray());
        p.Add(new NpgsqlParameter("expiries", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = lotsAdded.Select(l => l.Expiry).ToArray() });
        yield return command;
    }
}
