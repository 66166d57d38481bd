namespace MhSupply.Faults;

/// <summary>
/// Marks a grain method that the cluster client may send again when the silo hosting the grain dies or does not answer:
/// a second delivery answers what the first would have (a read; a command carrying its own ids that the grain recognises
/// when it sees them again). The gateway's outgoing call filter retries these, and only these, with back-off; any other
/// call fails at once and the client is told to try again later (503), because it may have taken effect.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RetrySafeAttribute : Attribute;
