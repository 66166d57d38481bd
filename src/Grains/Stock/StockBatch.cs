namespace MhSupply.Stock;

/// <summary>The per-event answers of one submission, filled in as each event is decided; in input order.</summary>
internal sealed class StockBatch(Guid[] ids)
{
    private readonly StockEventResult?[] _results = new StockEventResult?[ids.Length];
    private readonly Dictionary<int, StockEvent> _candidates = [];

    /// <summary>Events still to be applied to their card, by input index.</summary>
    public IReadOnlyCollection<(int Index, StockEvent Event)> Candidates => _candidates.Select(c => (c.Key, c.Value)).ToList();

    public void AddCandidate(int index, StockEvent e) => _candidates[index] = e;

    public void RemoveCandidate(int index) => _candidates.Remove(index);

    public void Resolve(int index, StockEventResult result) => _results[index] = result;

    public void Accept(int index) => _results[index] = new StockEventResult(ids[index], StockEventResult.Accepted, null);

    public void Reject(int index, StockEventError error) => _results[index] = new StockEventResult(ids[index], StockEventResult.Rejected, error);

    public StockEventResult[] Results() => _results.Select((r, i) => r ?? throw new InvalidOperationException($"event {i} was not decided")).ToArray();
}
