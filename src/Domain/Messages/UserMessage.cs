namespace MhSupply.Messages;

/// <summary>
/// A message a person reads: a stable code (the web app's translation key is <c>error.{code}</c>, see
/// <see cref="MessageKeys"/>), the parameters its template names, and the English text built from that template. Dates
/// are parameters as <c>YYYY-MM-DD</c>, instants as ISO 8601 UTC, numbers stay numbers: each reader words them in
/// their own language. Every area keeps its templates in one catalogue (<see cref="MessageCatalogues"/>).
/// </summary>
public record UserMessage(string Code, string Text, IReadOnlyDictionary<string, object> Params)
{
    public override string ToString() => Text;
}
