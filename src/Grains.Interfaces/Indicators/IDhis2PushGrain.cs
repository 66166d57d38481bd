namespace MhSupply.Indicators;

/// <summary>
/// Pushes to DHIS2 on demand (the admin's <c>POST /api/v1/admin/jobs/dhis2-push/run?period=&amp;force=</c>), on a silo, where
/// the push ledger is written. Keyed by <see cref="Current"/>: one push at a time from the admin API (the scheduled job
/// and this grain also exclude each other in the database).
/// </summary>
[Alias("mh.indicators.IDhis2PushGrain")]
public interface IDhis2PushGrain : IGrainWithStringKey
{
    public const string Current = "current";

    /// <summary>Pushes <paramref name="period"/> (our form or DHIS2's; null: the last complete month). A delivery can take a while.</summary>
    [Alias("Push"), ResponseTimeout("00:05:00")]
    Task<Dhis2PushAnswer> Push(string? period, bool force, string by);
}

/// <summary>
/// What a push did: <see cref="Outcome"/> is one of <see cref="Dhis2PushOutcomes"/>, <see cref="Push"/> the recorded push it
/// sent or found (none when nothing was recorded), the period it was about, and when the period's scheduled push is due.
/// </summary>
[GenerateSerializer, Immutable, Alias("mh.indicators.Dhis2PushAnswer")]
public sealed record Dhis2PushAnswer(
    [property: Id(0)] string Outcome,
    [property: Id(1)] string Period,
    [property: Id(2)] string OrgUnit,
    [property: Id(3)] Dhis2PushRecord? Push,
    [property: Id(4)] DateTimeOffset? DueAt = null);

/// <summary>The outcomes of a push, as <see cref="Dhis2PushAnswer.Outcome"/> and the message codes (dhis2.push_{outcome}) say them.</summary>
public static class Dhis2PushOutcomes
{
    public const string NotConfigured = "not_configured";
    public const string Delivered = "delivered";
    public const string AlreadyPushed = "already_pushed";
    public const string Retry = "retry";
    public const string WaitsForRetry = "waits_for_retry";
    public const string Failed = "failed";
    public const string WaitsForAdmin = "waits_for_admin";
    public const string NotDue = "not_due";
    public const string NothingMapped = "nothing_mapped";
    public const string Busy = "busy";
    public const string OrgUnitUnknown = "org_unit_unknown";
}

/// <summary>One push of a period as the ledger (mh.dhis2_push) holds it: what was sent, what DHIS2 answered, every attempt counted.</summary>
[GenerateSerializer, Immutable, Alias("mh.indicators.Dhis2PushRecord")]
public sealed record Dhis2PushRecord(
    [property: Id(0)] long Id,
    [property: Id(1)] string Period,
    [property: Id(2)] string OrgUnit,
    [property: Id(3)] string? OrgUnitUid,
    [property: Id(4)] bool Forced,
    [property: Id(5)] string RequestedBy,
    [property: Id(6)] string State,
    [property: Id(7)] string? Status,
    [property: Id(8)] int DataValues,
    [property: Id(9)] Dhis2PushImportCount? ImportCount,
    [property: Id(10)] IReadOnlyList<Dhis2PushConflict> Conflicts,
    [property: Id(11)] int Attempts,
    [property: Id(12)] string? Error,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] DateTimeOffset? AttemptedAt,
    [property: Id(15)] DateTimeOffset? FinishedAt,
    [property: Id(16)] DateTimeOffset? NextAttemptAt);

[GenerateSerializer, Immutable, Alias("mh.indicators.Dhis2PushImportCount")]
public sealed record Dhis2PushImportCount([property: Id(0)] int Imported, [property: Id(1)] int Updated, [property: Id(2)] int Ignored, [property: Id(3)] int Deleted);

[GenerateSerializer, Immutable, Alias("mh.indicators.Dhis2PushConflict")]
public sealed record Dhis2PushConflict([property: Id(0)] string? Object, [property: Id(1)] string? Value);
