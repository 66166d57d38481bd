namespace MhSupply.Alerts;

/// <summary>
/// An alert's words in a form every language can render: <see cref="Code"/> names the template (the web app's
/// <c>alertText.{code}</c>), <see cref="Params"/> hold what fills it (codes, numbers, ISO days and months: never words a
/// reader must translate, so a client looks names up in its own lists and formats dates in its own locale), and
/// <see cref="Message"/> is the English text e-mail, webhooks and clients without the template use. All three are stored
/// with the alert.
/// </summary>
/// <remarks>
/// A plain string converts to an AlertText with no code (its clients show the English words), so a template that still
/// answers a string keeps compiling where an AlertText is stored, and answering <see cref="Of"/> instead gives it a code.
/// </remarks>
public sealed record AlertText(string? Code, IReadOnlyDictionary<string, object> Params, string Message)
{
    private static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>();

    /// <param name="parameters">Name and value pairs; a null value is left out (the template then shows no such part).</param>
    public static AlertText Of(string code, string message, params (string Name, object? Value)[] parameters) =>
        new(code, parameters.Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal), message);

    public static implicit operator AlertText(string message) => new(null, None, message);

    public override string ToString() => Message;
}

/// <summary>A thing an alert names: its code (stored in the parameters) and the name people know it by (in the words).</summary>
public readonly record struct Named(string Code, string Name)
{
    /// <summary>For a caller that has no name at hand: the words show the code.</summary>
    public static Named Unnamed(string code) => new(code, code);
}
