namespace MhSupply.Stock;

/// <summary>Rules about <see cref="StockEventType"/> (its wire names are <see cref="WireNames{T}"/>).</summary>
public static class StockEventTypes
{
    public static bool IsTransfer(this StockEventType type) => type is StockEventType.TransferIn or StockEventType.TransferOut;
}
