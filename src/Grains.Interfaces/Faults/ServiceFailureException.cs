namespace MhSupply.Faults;

/// <summary>
/// A failure inside a silo whose own exception type cannot cross to the caller (Npgsql's exceptions have no Orleans
/// codec, so without this the caller saw a CodecNotFoundException and the cause was lost). It carries what the caller
/// needs: the original type and message, the SQLSTATE of a database error, the full original text for the log, and
/// whether the failure is transient, i.e. a dependency (PostgreSQL) was briefly unavailable and the same call may succeed
/// later (the gateway answers 503 then, 500 otherwise).
/// </summary>
[GenerateSerializer, Alias("mh.faults.ServiceFailureException")]
public sealed class ServiceFailureException : Exception
{
    public ServiceFailureException()
    {
    }

    public ServiceFailureException(string originalType, string originalMessage, bool isTransient, string? sqlState, string details)
        : base($"{originalType}: {originalMessage}")
    {
        OriginalType = originalType;
        OriginalMessage = originalMessage;
        IsTransient = isTransient;
        SqlState = sqlState;
        Details = details;
    }

    [Id(0)]
    public string OriginalType { get; private set; } = "";

    [Id(1)]
    public string OriginalMessage { get; private set; } = "";

    [Id(2)]
    public bool IsTransient { get; private set; }

    [Id(3)]
    public string? SqlState { get; private set; }

    /// <summary>The original exception's full text (inner exceptions and the silo's stack trace).</summary>
    [Id(4)]
    public string Details { get; private set; } = "";

    public override string ToString() => $"{base.ToString()}{Environment.NewLine} ---> raised in the silo as {Details}";
}
