namespace MhSupply.Stock;

/// <summary>Stock on hand of one lot (docs/api.md, "Stock": <c>lots: [ { lot, expiry, soh } ]</c>).</summary>
public sealed record LotBalance(string Lot, DateOnly? Expiry, int Soh);
