namespace MhSupply.Stock;

/// <summary>
/// Why an adjustment changed stock (docs/domain.md, "Stock cards and events"): the reason decides the sign,
/// as OpenLMIS reason types (credit/debit) do. Starts at 1 so an uninitialised value is not a valid reason.
/// </summary>
public enum AdjustmentReason
{
    Expired = 1,
    Damaged,
    Lost,
    Stolen,
    Found,
    Returned,
}
