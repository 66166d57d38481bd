using System.Text.Json;
using System.Text.Json.Serialization;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// Every string bound from a JSON body passes <see cref="TextRules"/>: a NUL or half a character is a 400 naming the
/// field, before any handler or store sees it. Registered once for the whole API (ValidationServiceExtensions).
/// </summary>
public sealed class CheckedStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(); // the serializer's own "could not be converted", with the path
        }
        return Checked(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FieldRuleJsonException(TextRules.NotText);
        }
        return TextRules.Problem(text) is { } problem ? throw new FieldRuleJsonException(problem) : text;
    }
}
