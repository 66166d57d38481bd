using MhSupply.Stock;

namespace MhSupply.Orders;

/// <summary>
/// What became of a draft or a step: <c>ok</c> (or <c>created</c>) with the order as committed, or why not:
/// <c>invalid</c> (400 naming <see cref="Field"/>), <c>forbidden_role</c> (403), <c>forbidden_transition</c> (409 naming
/// <see cref="CurrentStatus"/>), <c>conflict</c> (409: the id holds another order), <c>not_found</c> (404, also for an
/// order outside the caller's reach), <c>refused_by_card</c> (422: a card refused a transfer, <see cref="StockResults"/>
/// per lot; nothing was recorded).
/// </summary>
/// <param name="Replayed">The step was already taken: the answer is the order as it is, nothing was done again.</param>
[GenerateSerializer, Immutable, Alias("mh.orders.OrderOutcome")]
public sealed record OrderOutcome(
    [property: Id(0)] string Kind,
    [property: Id(1)] OrderState? Order = null,
    [property: Id(2)] string? Message = null,
    [property: Id(3)] string? Code = null,
    [property: Id(4)] Dictionary<string, object>? Params = null,
    [property: Id(5)] string? Field = null,
    [property: Id(6)] string? CurrentStatus = null,
    [property: Id(7)] StockEventResult[]? StockResults = null,
    [property: Id(8)] bool Replayed = false,
    [property: Id(9)] string[]? AllowedActions = null)
{
    public const string Ok = "ok";
    public const string Created = "created";
    public const string Invalid = "invalid";
    public const string ForbiddenRole = "forbidden_role";
    public const string ForbiddenTransition = "forbidden_transition";
    public const string Conflict = "conflict";
    public const string NotFound = "not_found";
    public const string RefusedByCard = "refused_by_card";

    public static OrderOutcome Refused(string kind, MhSupply.Messages.UserMessage message, string? field = null, string? currentStatus = null) =>
        new(kind, Message: message.Text, Code: message.Code, Params: new Dictionary<string, object>(message.Params), Field: field,
            CurrentStatus: currentStatus);
}
