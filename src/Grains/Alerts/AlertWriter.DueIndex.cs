using MhSupply.Persistence;
using MhSupply.Referrals;
using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Alerts;

/// <summary>
/// The due-index: what the alert scan must look at, and when. Lots turn expiring and expired; a facility's reporting is
/// checked again; a referral's or follow-up's deadline passes (its row carries the alert it raises then).
/// </summary>
public static partial class AlertWriter
{
    private const string ReportDue = "report_due";
    private const string ReferralDue = "referral_due";
    private const string FollowUpDue = "follow_up_due";

    /// <summary>
    /// Keeps the lot part of the due-index in step with a stock projection, in its transaction: each lot on the projected
    /// cards gets the times it turns expiring and expired; lots no longer on the shelf leave the index.
    /// </summary>
    /// <param name="lotsAdded">Lots (with an expiry) now on the shelf that were not before this commit.</param>
    /// <param name="lotsRemoved">Lots that were on the shelf before this commit and are no longer.</param>
    public static IEnumerable<NpgsqlBatchCommand> IndexLots(string facility,
        IReadOnlyList<(string Medicine, string Lot, DateOnly Expiry)> lotsAdded, IReadOnlyList<(string Medicine, string Lot)> lotsRemoved,
        int expiryWarningDays)
    {
        // Most commits change quantities, not which lots are on the shelf: then there is nothing to re-index.
        if (lotsAdded.Count == 0 && lotsRemoved.Count == 0)
        {
            yield break;
        }
        // A lot's due rows are keyed by the subject of the alerts they raise.
        var command = new NpgsqlBatchCommand("""
            WITH cleared AS (
                DELETE FROM mh.due_item WHERE kind IN ('lot_expiring', 'lot_expired') AND subject = ANY(@removed)
            )
            INSERT INTO mh.due_item (kind, subject, due_at, facility, medicine, lot)
            SELECT k.kind, w.subject,
                   (CASE k.kind WHEN 'lot_expiring' THEN w.expiry - @warning_days ELSE w.expiry + 1 END)::timestamp AT TIME ZONE 'UTC',
                   @facility, w.medicine, w.lot
            FROM unnest(@subjects, @medicines, @lots, @expiries) AS w(subject, medicine, lot, expiry)
            CROSS JOIN (VALUES ('lot_expiring'), ('lot_expired')) AS k(kind)
            ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at
            WHERE due_item.due_at IS DISTINCT FROM excluded.due_at
            """);
        var p = command.Parameters;
        p.AddWithValue("facility", facility);
        p.AddWithValue("warning_days", expiryWarningDays);
        p.AddWithValue("removed", lotsRemoved.Select(l => StockAlertRules.LotSubject(facility, l.Medicine, l.Lot)).ToArray());
        p.AddWithValue("subjects", lotsAdded.Select(l => StockAlertRules.LotSubject(facility, l.Medicine, l.Lot)).ToArray());
        p.AddWithValue("medicines", lotsAdded.Select(l => l.Medicine).ToArray());
        p.AddWithValue("lots", lotsAdded.Select(l => l.Lot).ToArray());
        p.Add(new NpgsqlParameter("expiries", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = lotsAdded.Select(l => l.Expiry).ToArray() });
        yield return command;
    }

    /// <summary>Upserts (or, with no next check, as for an inactive facility, removes) the row that has the scan check the facility's reporting.</summary>
    public static NpgsqlBatchCommand ScheduleReportCheck(string facility, DateTimeOffset? at)
    {
        if (at is not { } when)
        {
            return ClearDue(ReportDue, facility);
        }
        var command = new NpgsqlBatchCommand("""
            INSERT INTO mh.due_item (kind, subject, due_at, facility) VALUES ('report_due', @facility, @at, @facility)
            ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at WHERE due_item.due_at IS DISTINCT FROM excluded.due_at
            """);
        command.Parameters.AddWithValue("facility", facility);
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = when.UtcDateTime });
        return command;
    }

    /// <summary>The referral's next deadline, or (<paramref name="deadline"/> null: nothing more is awaited) none.</summary>
    /// <param name="facility">Where the awaited step happens: the alert goes to it.</param>
    public static NpgsqlBatchCommand ReferralDeadline(Guid referral, ReferralDeadline? deadline, string facility, string district,
        ReferralAlertWords words) =>
        deadline is null
            ? ClearDue(ReferralDue, referral.ToString())
            : Deadline("""
                INSERT INTO mh.due_item (kind, subject, due_at, facility, district, referral, alert_kind, message, message_code, message_params)
                VALUES ('referral_due', @subject, @due_at, @facility, @district, @id, @alert_kind, @message, @message_code, @message_params)
                ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at, facility = excluded.facility,
                    alert_kind = excluded.alert_kind, message = excluded.message, message_code = excluded.message_code,
                    message_params = excluded.message_params
                """, referral.ToString(), deadline.DueAt, facility, district, referral, deadline.AlertKind,
                AlertMessages.ReferralDeadlinePassed(words.PatientCode, words.Urgency, words.From, words.To, deadline, words.Zone, words.ToService));

    /// <summary>A follow-up's next deadline, or (<paramref name="deadline"/> null: attended, traced or closed) none.</summary>
    /// <param name="facility">The referring facility: it follows its patient up.</param>
    public static NpgsqlBatchCommand FollowUpDeadline(FollowUpState followUp, FollowUpDeadline? deadline, Guid referral,
        string facility, string district, ReferralAlertWords words) =>
        deadline is null
            ? ClearDue(FollowUpDue, followUp.Id.ToString())
            : Deadline("""
                INSERT INTO mh.due_item (kind, subject, due_at, facility, district, referral, alert_kind, message, message_code, message_params,
                                         escalation)
                VALUES ('follow_up_due', @subject, @due_at, @facility, @district, @id, @alert_kind, @message, @message_code, @message_params,
                        @escalation)
                ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at, alert_kind = excluded.alert_kind,
                    message = excluded.message, message_code = excluded.message_code, message_params = excluded.message_params,
                    escalation = excluded.escalation
                """, followUp.Id.ToString(), deadline.DueAt, facility, district, referral, deadline.AlertKind,
                AlertMessages.FollowUpDeadlinePassed(followUp.Seq, words.PatientCode, words.From, followUp.DueAt, deadline, words.Zone))
            .With("escalation", deadline.Escalation);

    /// <summary>
    /// A deadline's row: the alert it raises when it passes travels with it, its English words with its code and parameters.
    /// A referral template that answers a plain string stores no code (clients show its words); one that answers
    /// <see cref="AlertText.Of"/> stores its code and parameters, which the scan copies onto the alert.
    /// </summary>
    private static NpgsqlBatchCommand Deadline(string sql, string subject, DateTimeOffset dueAt, string facility, string district, Guid referral,
        string alertKind, AlertText message) => new NpgsqlBatchCommand(sql)
        .With("subject", subject)
        .With("due_at", dueAt)
        .With("facility", facility)
        .With("district", district)
        .With("id", referral)
        .With("alert_kind", alertKind)
        .With("message", message.Message)
        .Text("message_code", message.Code)
        .WithParams("message_params", message);
}
