using MhSupply.Faults;

namespace MhSupply.Stock;

/// <summary>
/// The stock of every medicine at one facility, keyed by the facility id. One grain per facility (not per card)
/// because a report arrives per facility: a batch is one grain call and one PostgreSQL commit, whatever the
/// number of medicines in it. See FacilityStockGrain for the consistency rules.
/// </summary>
[Alias("mh.stock.IFacilityStockGrain")]
public interface IFacilityStockGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a batch; the answer comes only after the accepted events are committed. Safe to repeat: events carry the
    /// client's ids, and an event already recorded is answered <c>duplicate</c> (applied once).
    /// </summary>
    [Alias("Submit"), RetrySafe]
    Task<StockEventResult[]> Submit(StockSubmission submission);

    /// <summary>
    /// Records a physical inventory's count sheet whole: every line is committed (or was already recorded), or none is and
    /// the lines that were fine on their own are answered <c>sheet_rejected</c>. Safe to repeat, as <see cref="Submit"/>.
    /// </summary>
    [Alias("SubmitSheet"), RetrySafe]
    Task<StockEventResult[]> SubmitSheet(StockSubmission submission);

    /// <summary>Every card's figures as at the end of <paramref name="asOf"/> (facility local day); today when null.</summary>
    [Alias("GetStock"), RetrySafe]
    Task<FacilityStockView> GetStock(DateOnly? asOf);

    /// <summary>The lines of one card between two instants (inclusive), with running balances; null when the card has no lines at all.</summary>
    [Alias("GetCard"), RetrySafe]
    Task<StockCardLineView[]> GetCard(string medicine, DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>
    /// Recomputes every card's read-model figures and card alerts as of today from the unchanged ledger, in one commit
    /// (the stock-refresh job, when days have passed without events); answers the number of cards rewritten.
    /// </summary>
    [Alias("RefreshFigures"), RetrySafe]
    Task<int> RefreshFigures();

    /// <summary>
    /// Writes now what the read model, card alerts and due-index lack of the facility's committed events (they follow a
    /// commit by Stock:ProjectionDelay); returns when they are current. Readers call it before reading the read model.
    /// </summary>
    [Alias("Project"), RetrySafe]
    Task Project();

    /// <summary>
    /// Rewrites each card's month-end figures (the stock indicators' rows) for every month of its ledger, which projections
    /// only keep for the months the cards in memory reach; answers the rows written. After an upgrade or a bulk load.
    /// </summary>
    [Alias("RebuildMonths"), RetrySafe]
    Task<int> RebuildMonths();

    /// <summary>What the activation holds and where it came from (its snapshot and tail, or the whole ledger): for tests and benchmarks.</summary>
    [Alias("Describe"), RetrySafe]
    Task<FacilityStockMemory> Describe();
}
