namespace MhSupply.Stock;

/// <summary>
/// One line of a stock card's append-only ledger (docs/domain.md, "Stock cards and events"; field names as in
/// docs/api.md, "Stock"). <see cref="Id"/> is client-generated so a resent event can be recognised; <see cref="RecordedAt"/>
/// is stamped by the server. Blank optional strings mean "absent" everywhere (CSV rows carry empty cells).
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
    string? Note = null)
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
    public IReadOnlyDictionary<string, string[]> Validate(DateTimeOffset now, DateOnly? earliest = null)
    {
        var errors = ContentErrors();
        var first = earliest ?? DefaultEarliestOccurredOn;
        // A missing occurredAt (default) is reported by ContentErrors.
        if (OccurredAt != default && OccurredAt.UtcDateTime < first.ToDateTime(TimeOnly.MinValue))
        {
            errors.Add("occurredAt", $"occurredAt must be on or after {first:yyyy-MM-dd}.");
        }
        else if (OccurredAt > now + AllowedClockSkew)
        {
            errors.Add("occurredAt", $"occurredAt is in the future: the server's time is {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        }
        return errors.ToDictionary();
    }

    /// <summary>
    /// Idempotency check: true when <paramref name="other"/> is the same event resent. <see cref="RecordedAt"/> is the
    /// server's stamp, not content, so it is ignored; instants compare as instants (offsets may differ).
    /// The same id with other content is a conflict (docs/domain.md: 409, never silently accepted).
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

    /// <summary>Everything checkable without a clock; the card refuses events that fail these.</summary>
    internal EventErrors ContentErrors()
    {
        var errors = new EventErrors();
        if (Id == Guid.Empty)
        {
            errors.Add("id", "id is required (a client-generated UUID).");
        }
        if (string.IsNullOrWhiteSpace(Medicine))
        {
            errors.Add("medicine", "medicine is required.");
        }
        if (!Enum.IsDefined(Type))
        {
            errors.Add("type", $"type must be one of {string.Join(", ", WireNames<StockEventType>.All)}.");
        }
        else
        {
            AddTypeRules(errors);
        }
        if (Expiry is not null && LotOrNull is null)
        {
            errors.Add("expiry", "expiry belongs to a lot: give the lot too.");
        }
        if (OccurredAt == default)
        {
            errors.Add("occurredAt", "occurredAt is required.");
        }
        return errors;
    }

    private void AddTypeRules(EventErrors errors)
    {
        // A count of zero is a finding (the shelf is empty); any other event of zero units is a mistake.
        if (Type == StockEventType.PhysicalCount ? Quantity < 0 : Quantity <= 0)
        {
            errors.Add("quantity", Type == StockEventType.PhysicalCount
                ? "quantity must be zero or more for a physical count."
                : "quantity must be a positive whole number.");
        }
        if (Type == StockEventType.Adjustment)
        {
            if (string.IsNullOrWhiteSpace(Reason))
            {
                errors.Add("reason", "reason is required for an adjustment.");
            }
            else if (!WireNames.TryParse<AdjustmentReason>(Reason, out _))
            {
                errors.Add("reason", $"reason must be one of {string.Join(", ", WireNames<AdjustmentReason>.All)}.");
            }
        }
        if (Type.IsTransfer() && string.IsNullOrWhiteSpace(OtherFacility))
        {
            errors.Add("otherFacility", "otherFacility is required for transfers.");
        }
    }

    private static bool SameText(string? a, string? b) =>
        string.IsNullOrWhiteSpace(a) ? string.IsNullOrWhiteSpace(b) : string.Equals(a, b, StringComparison.Ordinal);
}
