using System.Text.Json;
using System.Text.Json.Serialization;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// DateTimeOffset in bound bodies (a referral's <c>at</c>, <c>appointmentAt</c>...): ISO 8601 as System.Text.Json reads
/// it, but only with an explicit offset (<see cref="Instants"/>); its default would read an offset-less time in the
/// server's zone. Nullable DateTimeOffset properties use this converter too.
/// </summary>
public sealed class OffsetDateTimeConverter : JsonConverter<DateTimeOffset>
{
    internal static readonly string Rule = $"is a time with its offset from UTC, e.g. {Instants.Example} or 2026-03-01T06:30:00Z";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FieldRuleJsonException(Rule);
        }
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FieldRuleJsonException(TextRules.NotText);
        }
        if (!Instants.HasExplicitOffset(text) || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new FieldRuleJsonException(Rule);
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
