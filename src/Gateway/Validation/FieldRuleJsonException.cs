using System.Text.Json;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// A JSON value the serializer could read but our rules refuse (bad text, a time without its offset). Thrown by our
/// converters; System.Text.Json adds the path, and the problem-details handler turns it into "{field} {Rule}".
/// </summary>
public sealed class FieldRuleJsonException(string rule) : JsonException(rule)
{
    /// <summary>Completes "{field} ...", in words a pharmacist understands.</summary>
    public string Rule { get; } = rule;
}
