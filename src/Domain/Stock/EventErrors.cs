namespace MhSupply.Stock;

/// <summary>Field → messages (code, parameters, English text: <see cref="StockMessages"/>) collected while validating one event.</summary>
internal sealed class EventErrors
{
    private readonly Dictionary<string, List<StockMessage>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, StockMessage message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public void Add(string field, string code, params (string Name, object? Value)[] args) => Add(field, StockMessages.Of(code, args));

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Text).ToArray(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, StockMessage[]> ToMessages() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
