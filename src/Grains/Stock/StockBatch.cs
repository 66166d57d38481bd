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

    /// <summary>The event's id was seen before: a resubmission (same content) is a duplicate, other content a conflict.</summary>
    public void Known(int index, bool sameContent) => _results[index] = sameContent
        ? new StockEventResult(ids[index], StockEventResult.Duplicate, null)
        : new StockEventResult(ids[index], StockEventResult.Rejected,
            new StockEventError(StockEventError.Conflict, "this event id was already recorded with other content", "id"));

    public void Accept(int index) => _results[index] = new StockEventResult(ids[index], StockEventResult.Accepted, null);

    public void Reject(int index, StockEventError error) => _results[index] = new StockEventResult(ids[index], StockEventResult.Rejected, error);

    /// <summary>The card refused the event: the domain's reason, in the API's terms.</summary>
    public void Reject(int index, StockAddResult outcome) => Reject(index, outcome switch
    {
        { Rejection: { } r } => new StockEventError(r.Code, r.Message, "quantity", r.OccurredAt, r.EventId,
            (int)Math.Clamp(r.Balance, int.MinValue, int.MaxValue)),
        { Errors: { Count: > 0 } errors } => new StockEventError(StockEventError.Invalid, string.Join("; ", errors.First().Value), errors.First().Key),
        _ => new StockEventError(StockEventError.Invalid, $"the event was not accepted ({outcome.Outcome})"),
    });

    public StockEventResult[] Results() => _results.Select((r, i) => r ?? throw new InvalidOperationException($"event {i} was not decided")).ToArray();
}
