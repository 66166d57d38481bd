namespace MhSupply.Stock;

/// <summary>
/// One line of a stock card's append-only ledger (docs/domain.md, "Stock cards and events"; field names as in
/// docs/api.md, "Stock"). <see cref="Id"/> is client-generated so a resent event can be recognised; <see cref="RecordedAt"/>
/// is stamped by the server. Blank optional strings mean "absent" everywhere (CSV rows carry empty cells).
/// <see cref="Credit"/> is an adjustment's sign, given by its reason when the event is accepted
/// (<see cref="AdjustmentReasons.Sign"/>) and stored with it: the ledger replays without the reasons catalogue.
/// </summary>
public sealed record StockEvent(
    Guid Id,
    string Medicine,
    StockEventType Type,
    int Quantity,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? Reason = null,
    string? Lot = null,
    DateOnly? Expiry = null,
    string? OtherFacility = null,
    string? Note = null,
    bool? Credit = null)
{
    /// <summary>Phones' clocks drift: an occurredAt up to this far ahead of the server's clock is still "now".</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The earliest day an event may have occurred on, unless configured otherwise (Validation:Earliest). No card we
    /// hold starts earlier, and a year-0001 date is a client bug, not a backdated report.
    /// </summary>
    public static readonly DateOnly DefaultEarliestOccurredOn = new(2000, 1, 1);

    /// <summary>The lot this event names, or null when it names none (blank counts as none).</summary>
    internal string? LotOrNull => string.IsNullOrWhiteSpace(Lot) ? null : Lot;

    /// <summary>
    /// Field → messages, empty when the event is acceptable; keys are the API's field names so the gateway can
    /// return them as an RFC 9457 <c>errors</c> map. <paramref name="now"/> is the server's clock; <paramref name="earliest"/>
    /// the first day (UTC) an event may have occurred on (<see cref="DefaultEarliestOccurredOn"/> when null).
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Validate(DateTimeOffset now, DateOnly? earliest = null, AdjustmentReasons? reasons = null) =>
        Checked(now, earliest, null, reasons).ToDictionary();

    /// <summary>
    /// As <see cref="Validate"/>, each message with its code and parameters; days are those of <paramref name="zone"/>
    /// (the facility's, UTC when null).
    /// </summary>
    public IReadOnlyDictionary<string, StockMessage[]> ValidateMessages(DateTimeOffset now, DateOnly? earliest = null, TimeZoneInfo? zone = null,
        AdjustmentReasons? reasons = null) =>
        Checked(now, earliest, zone, reasons).ToMessages();

    /// <param name="reasons">The catalogue the event was signed by: its active codes are named when the reason is wrong.</param>
    private EventErrors Checked(DateTimeOffset now, DateOnly? earliest, TimeZoneInfo? zone, AdjustmentReasons? reasons)
    {
        zone ??= TimeZoneInfo.Utc;
        var errors = ContentErrors(reasons);
        var first = earliest ?? DefaultEarliestOccurredOn;
        // A missing occurredAt (default) is reported by ContentErrors.
        if (OccurredAt != default && OccurredAt.UtcDateTime < first.ToDateTime(TimeOnly.MinValue))
        {
            errors.Add("occurredAt", "occurred_too_early", ("day", LocalDays.DateOf(OccurredAt, zone)), ("earliest", first));
        }
        else if (OccurredAt > now + AllowedClockSkew)
        {
            var (day, today) = (LocalDays.DateOf(OccurredAt, zone), LocalDays.DateOf(now, zone));
            if (day == today)
            {
                // Later today: the date alone would not say what is wrong.
                var local = TimeZoneInfo.ConvertTime(OccurredAt, zone);
                errors.Add("occurredAt", "occurred_later_today", ("time", local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                    ("day", day), ("now", TimeZoneInfo.ConvertTime(now, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                errors.Add("occurredAt", "occurred_in_future", ("day", day), ("today", today));
            }
        }
        return errors;
    }

    /// <summary>
    /// Idempotency check: true when <paramref name="other"/> is the same event resent. <see cref="RecordedAt"/> is the
    /// server's stamp, not content, so it is ignored; instants compare as instants (offsets may differ).
    /// The same id with other content is a conflict (docs/domain.md: 409, never silently accepted). <see cref="Credit"/>
    /// follows from the reason, so it is not compared.
    /// </summary>
    public bool SameContentAs(StockEvent other) =>
        Id == other.Id
        && string.Equals(Medicine, other.Medicine, StringComparison.Ordinal)
        && Type == other.Type
        && Quantity == other.Quantity
        && OccurredAt == other.OccurredAt
        && SameText(Reason, other.Reason)
        && SameText(Lot, other.Lot)
        && Expiry == other.Expiry
        && SameText(OtherFacility, other.OtherFacility)
        && SameText(Note, other.Note);

    /// <summary>Everything checkable without a clock; the card refuses events that fail these (an unsigned adjustment too).</summary>
    internal EventErrors ContentErrors(AdjustmentReasons? reasons = null)
    {
        var errors = new EventErrors();
        if (Id == Guid.Empty)
        {
            errors.Add("id", "id_required");
        }
        if (string.IsNullOrWhiteSpace(Medicine))
        {
            errors.Add("medicine", "medicine_required");
        }
        if (!Enum.IsDefined(Type))
        {
            errors.Add("type", "type_invalid", ("value", ((int)Type).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("allowed", string.Join(", ", WireNames<StockEventType>.All)));
        }
        else
        {
            AddTypeRules(errors, reasons?.Allowed ?? "");
        }
        if (Expiry is not null && LotOrNull is null)
        {
            errors.Add("expiry", "expiry_without_lot", ("expiry", Expiry.Value));
        }
        if (OccurredAt == default)
        {
            errors.Add("occurredAt", "occurred_required");
        }
        return errors;
    }

    private void AddTypeRules(EventErrors errors, string allowedReasons)
    {
        // A count of zero is a finding (the shelf is empty); any other event of zero units is a mistake.
        if (Type == StockEventType.PhysicalCount ? Quantity < 0 : Quantity <= 0)
        {
            errors.Add("quantity", Type == StockEventType.PhysicalCount ? "count_not_negative" : "quantity_positive", ("value", Quantity));
        }
        if (Type == StockEventType.Adjustment)
        {
            if (string.IsNullOrWhiteSpace(Reason))
            {
                errors.Add("reason", "reason_required", ("allowed", allowedReasons));
            }
            else if (Credit is null)
            {
                // Unsigned: the reason is not in the catalogue the event was signed by.
                errors.Add("reason", "reason_invalid", ("value", Reason), ("allowed", allowedReasons));
            }
        }
        if (Type.IsTransfer() && string.IsNullOrWhiteSpace(OtherFacility))
        {
            errors.Add("otherFacility", "other_facility_required");
        }
    }

    private static bool SameText(string? a, string? b) =>
        string.IsNullOrWhiteSpace(a) ? string.IsNullOrWhiteSpace(b) : string.Equals(a, b, StringComparison.Ordinal);
}
