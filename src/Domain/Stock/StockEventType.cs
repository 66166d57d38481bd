namespace MhSupply.Stock;

/// <summary>
/// What happened on a stock card (docs/domain.md, "Stock cards and events"). Numbering starts at 1 so an
/// uninitialised value is not silently a receipt: validation reports it under "type".
/// </summary>
public enum StockEventType
{
    Receipt = 1,
    Issue,
    TransferIn,
    TransferOut,
    Adjustment,
    PhysicalCount,
}
