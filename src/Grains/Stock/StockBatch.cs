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
            StockEventError.Of(StockEventError.Conflict, StockMessages.Of("conflict"), "id"));

    public void Accept(int index) => _results[index] = new StockEventResult(ids[index], StockEventResult.Accepted, null);

    public void Reject(int index, StockEventError error) => _results[index] = new StockEventResult(ids[index], StockEventResult.Rejected, error);

    /// <summary>The first field's first message of an event's checks, as the API's <c>invalid</c> error.</summary>
    public void Reject(int index, IReadOnlyDictionary<string, StockMessage[]> messages)
    {
        var (field, list) = messages.First();
        Reject(index, StockEventError.Of(StockEventError.Invalid, list[0], field));
    }

    /// <summary>The card refused the event: the domain's reason, in the API's terms.</summary>
    public void Reject(int index, StockAddResult outcome)
    {
        switch (outcome)
        {
            case { Rejection: { } r }:
                var message = r.Describe();
                Reject(index, StockEventError.Of(r.Code, message, "quantity") with
                {
                    BreaksAt = r.OccurredAt,
                    BreaksEventId = r.EventId,
                    Balance = (int)Math.Clamp(r.Balance, int.MinValue, int.MaxValue),
                });
                break;
            case { Messages: { Count: > 0 } messages }:
                Reject(index, messages);
                break;
            default:
                Reject(index, StockEventError.Of(StockEventError.Invalid, StockMessages.Of("not_decided")));
                break;
        }
    }

    /// <summary>Whether a line has been refused (a conflict, a field, the card).</summary>
    public bool AnyRejected => _results.Any(r => r?.Outcome == StockEventResult.Rejected);

    /// <summary>
    /// A count sheet is refused whole: each line not refused itself (a candidate, or accepted by its card but not committed)
    /// is answered <c>sheet_rejected</c>, with how many lines were refused. A line already recorded stays a duplicate.
    /// </summary>
    public void WithdrawTheRest()
    {
        var refused = _results.Count(r => r?.Outcome == StockEventResult.Rejected);
        var error = StockEventError.Of(StockEventError.SheetRejected, StockMessages.Of("sheet_rejected", ("refused", refused)));
        for (var i = 0; i < _results.Length; i++)
        {
            if (_results[i] is null || _results[i]!.Outcome == StockEventResult.Accepted)
            {
                Reject(i, error);
            }
        }
        _candidates.Clear();
    }

    public StockEventResult[] Results() => _results.Select((r, i) => r ?? throw new InvalidOperationException($"event {i} was not decided")).ToArray();
}
