using MhSupply.Persistence;
using Npgsql;

namespace MhSupply.Alerts;

/// <summary>
/// The alerts of an order waiting for its next step (issue 18): its deadline in the due-index, carrying the alert it raises
/// when it passes (the scan raises it as it raises a referral's), and the resolution when the step happens. Both are
/// written in the order step's transaction.
/// </summary>
public static partial class AlertWriter
{
    private const string OrderDue = "order_due";

    private static readonly string[] OrderKinds = [.. AlertKinds.OrderKinds];

    /// <summary>The order's next deadline: <paramref name="alertKind"/> is raised for <paramref name="facility"/> at <paramref name="dueAt"/> unless a step comes first.</summary>
    public static NpgsqlBatchCommand OrderDeadline(Guid order, string alertKind, DateTimeOffset dueAt, string facility, string district, AlertText text) =>
        new NpgsqlBatchCommand("""
            INSERT INTO mh.due_item (kind, subject, due_at, facility, district, alert_kind, message, message_code, message_params)
            VALUES ('order_due', @subject, @due_at, @facility, @district, @alert_kind, @message, @message_code, @message_params)
            ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at, facility = excluded.facility, district = excluded.district,
                alert_kind = excluded.alert_kind, message = excluded.message, message_code = excluded.message_code,
                message_params = excluded.message_params
            """)
            .With("subject", order.ToString())
            .With("due_at", dueAt)
            .With("facility", facility)
            .With("district", district)
            .With("alert_kind", alertKind)
            .With("message", text.Message)
            .Text("message_code", text.Code)
            .WithParams("message_params", text);

    /// <summary>Nothing more is awaited of the order (approved, rejected, received, cancelled): its deadline leaves the index.</summary>
    public static NpgsqlBatchCommand ClearOrderDeadline(Guid order) => ClearDue(OrderDue, order.ToString());

    /// <summary>The step the order waited for happened: its open alerts about that wait resolve.</summary>
    public static NpgsqlBatchCommand ResolveOrderAlerts(Guid order, DateTimeOffset at, string actor) =>
        ResolveOpen("subject = @subject AND kind = ANY(@kinds)", at, actor)
            .With("subject", order.ToString())
            .With("kinds", OrderKinds);
}
