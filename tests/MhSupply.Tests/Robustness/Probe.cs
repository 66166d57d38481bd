using System.Text;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// One generated request: which endpoint, which mutation of its valid request, as whom. <see cref="Path"/> may hold
/// "{@subject}" placeholders (a referral in a given state, an alert...) that <see cref="Subjects"/> resolves when the
/// probe is sent.
/// </summary>
internal sealed record Probe(string Endpoint, string Mutation, string Client, HttpMethod Method, string Path, byte[]? Body, string? ContentType,
    bool ChangesSubject = false)
{
    /// <summary>The template's path with its subject placeholders: which subjects a 2xx moved on.</summary>
    public string TemplatePath { get; init; } = "";

    /// <summary>An Authorization header sent as is (broken credentials), instead of the client's token.</summary>
    public string? Authorization { get; init; }

    /// <summary>For a failure message: enough to see what was sent and replay it by hand.</summary>
    public string Describe(int status, string? detail = null)
    {
        var body = Body is null ? "" : " body: " + Excerpt(Body);
        return $"{Method} {Shorten(Path, 160)} [{Endpoint} / {Mutation}] as {Client} ({ContentType ?? "no content type"}){body} -> {status}"
            + (detail is null ? "" : " " + detail);
    }

    private static string Excerpt(byte[] body)
    {
        // Bytes that are not printable ASCII are shown as \xNN, so a bad UTF-8 sequence is visible in the message.
        var text = new StringBuilder();
        foreach (var b in body.Take(200))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }
        return body.Length > 200 ? $"{text}... ({body.Length} bytes)" : text.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : $"{text[..max]}... ({text.Length} chars)";
}
