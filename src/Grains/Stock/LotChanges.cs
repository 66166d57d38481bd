namespace MhSupply.Stock;

/// <summary>How the projected cards' dated lots moved: lots come on the shelf, lots gone, and each card's lots now.</summary>
internal sealed record LotChanges(
    List<(string Medicine, string Lot, DateOnly Expiry)> Added,
    List<(string Medicine, string Lot)> Removed,
    List<(string Medicine, List<(string Lot, DateOnly Expiry)> Lots)> Now);
