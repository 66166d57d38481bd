using System.Text.RegularExpressions;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// Times sent by clients name their offset from UTC. A time without one ("2026-03-01T09:30") is ambiguous by hours, and
/// the parser would read it in the server's own zone: refuse it rather than guess. One rule for stock events and every
/// bound body (docs/api.md: "times are ISO 8601 with offset").
/// </summary>
public static partial class Instants
{
    public const string Example = "2026-03-01T09:30:00+03:00";

    public static bool HasExplicitOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || OffsetSuffix().IsMatch(text);

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial Regex OffsetSuffix();
}
