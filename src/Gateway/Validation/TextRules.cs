using MhSupply.Messages;
using System.Text;
using System.Text.Json;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// The one rule for text a client sends, whatever the door (JSON body, CSV body, query string, route value): it must be
/// Unicode text PostgreSQL can store as it was typed. PostgreSQL's text types refuse U+0000 (the request would fail deep
/// in a write), and a lone UTF-16 surrogate or bytes that are not UTF-8 are not characters at all: replacing them with
/// U+FFFD would store something nobody typed, on a stock card or a referral that others act on.
/// </summary>
public static class TextRules
{
    /// <summary>Completes "{field} ..." for text that cannot be decoded at all.</summary>
    public const string NotText = "is not valid text: it holds bytes that are not UTF-8 or half of a character";

    public const string HoldsNul = "must not contain the NUL character (U+0000)";

    public const string HoldsLoneSurrogate = "holds half of a character (a lone UTF-16 surrogate)";

    /// <summary>
    /// The message of a field that breaks a text or time rule (the rule as <see cref="Problem"/> or a converter words it),
    /// with its own code so that each reads in the user's language; a rule without one keeps its English words.
    /// </summary>
    public static UserMessage Message(string field, string rule) => rule switch
    {
        HoldsNul => RequestMessages.Of("request.text_nul", ("field", field)),
        HoldsLoneSurrogate => RequestMessages.Of("request.text_half_character", ("field", field)),
        NotText => RequestMessages.Of("request.text_not_utf8", ("field", field)),
        _ when rule == OffsetDateTimeConverter.Rule => RequestMessages.Of("request.time_without_offset", ("field", field), ("example", Instants.Example)),
        _ => RequestMessages.Of("request.field_rule", ("field", field), ("rule", rule)),
    };

    /// <summary>Decodes UTF-8 and throws on bytes that are not, instead of replacing them with U+FFFD.</summary>
    public static UTF8Encoding StrictUtf8 { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why <paramref name="text"/> is refused, completing "{field} ...", or null when it is acceptable.</summary>
    public static string? Problem(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var span = text.AsSpan();
        if (span.Contains('\0'))
        {
            return HoldsNul;
        }
        var surrogate = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (surrogate < 0)
        {
            return null; // the common case: no surrogate at all
        }
        for (var i = surrogate; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return HoldsLoneSurrogate;
            }
        }
        return null;
    }

    /// <summary>A JSON string's text, or why it is refused (it could not be decoded, or breaks the rule).</summary>
    public static bool TryRead(JsonElement element, out string text, out string? problem)
    {
        try
        {
            text = element.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            // GetString throws on invalid UTF-8 and on an escaped lone surrogate ("\ud800").
            text = "";
            problem = NotText;
            return false;
        }
        problem = Problem(text);
        return problem is null;
    }

    /// <summary>A JSON property's name, or false when it cannot be decoded or breaks the rule.</summary>
    public static bool TryReadName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
        return Problem(name) is null;
    }

    /// <summary>
    /// A request body as text, or null when it is not UTF-8. A UTF-8 byte order mark is dropped (spreadsheet exports
    /// start with one); other byte order marks are not honoured: the API speaks UTF-8 only.
    /// </summary>
    public static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, StrictUtf8, detectEncodingFromByteOrderMarks: false);
        string text;
        try
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }
}
