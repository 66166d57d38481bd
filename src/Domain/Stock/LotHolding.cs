namespace MhSupply.Stock;

/// <summary>One lot inside a <see cref="LotState"/>.</summary>
internal readonly record struct LotHolding(string Lot, DateOnly? Expiry, int Quantity);
