namespace MhSupply.Messages;

/// <summary>
/// A parameter whose English words are not its value: an instant is sent as ISO 8601 UTC but read in the facilities'
/// calendar ("3 Dec 2026 14:30"), which only the caller knows.
/// </summary>
public sealed record Shown(object Value, string Text);
