namespace MhSupply.Stock;

/// <summary>
/// The lotted part of a card's stock after one ledger line, immutable so lines that do not touch lots share it.
/// Holdings are kept in first-expiry-first-out order (dated lots by expiry, then lots without expiry, ties by
/// name) with quantity &gt; 0; stock not in any lot is the card balance minus <see cref="Total"/>.
/// A lot that reaches zero is dropped, expiry included: a later receipt of it states its expiry again.
/// </summary>
internal sealed class LotState
{
    private readonly LotHolding[] _holdings;

    private LotState(LotHolding[] holdings)
    {
        _holdings = holdings;
        foreach (var holding in holdings)
        {
            Total += holding.Quantity;
        }
    }

    public static LotState Empty { get; } = new([]);

    public int Total { get; }

    /// <summary>The lots a folded card left (<see cref="CardHistory.Lots"/>), in first-expiry-first-out order again.</summary>
    public static LotState From(IEnumerable<LotBalance> lots)
    {
        var holdings = lots.Where(l => l.Soh > 0).Select(l => new LotHolding(l.Lot, l.Expiry, l.Soh)).ToList();
        if (holdings.Count == 0)
        {
            return Empty;
        }
        holdings.Sort(Fefo);
        return new LotState([.. holdings]);
    }

    public bool IsEmpty => _holdings.Length == 0;

    public ReadOnlySpan<LotHolding> Holdings => _holdings;

    public int QuantityOf(string lot) => IndexOf(lot) is var i and >= 0 ? _holdings[i].Quantity : 0;

    public DateOnly? ExpiryOf(string lot) => IndexOf(lot) is var i and >= 0 ? _holdings[i].Expiry : null;

    /// <summary>Sets a lot's quantity (zero removes it); a null expiry keeps the one already known.</summary>
    public LotState With(string lot, int quantity, DateOnly? expiry)
    {
        var index = IndexOf(lot);
        var holding = new LotHolding(lot, expiry ?? (index >= 0 ? _holdings[index].Expiry : null), quantity);
        if (index >= 0 && _holdings[index] == holding)
        {
            return this;
        }
        var list = new List<LotHolding>(_holdings.Length + 1);
        for (var i = 0; i < _holdings.Length; i++)
        {
            if (i != index)
            {
                list.Add(_holdings[i]);
            }
        }
        if (quantity > 0)
        {
            list.Add(holding);
            list.Sort(Fefo);
        }
        return list.Count == 0 ? Empty : new LotState([.. list]);
    }

    /// <summary>
    /// Takes up to <paramref name="quantity"/> from the lots, earliest expiry first (FEFO, the issuing rule of the
    /// JSI Logistics Handbook and WHO storage guidelines); returns how much the lots gave.
    /// </summary>
    public LotState TakeFefo(int quantity, out int taken) => TakeFefo(quantity, null, out taken);

    /// <summary>
    /// As <see cref="TakeFefo(int, out int)"/>, skipping the lots expired on <paramref name="usableOn"/> (expiry before that
    /// day) when it is given: they stay as they are.
    /// </summary>
    public LotState TakeFefo(int quantity, DateOnly? usableOn, out int taken)
    {
        taken = 0;
        if (quantity <= 0 || _holdings.Length == 0)
        {
            return this;
        }
        var remaining = new List<LotHolding>(_holdings.Length);
        foreach (var holding in _holdings)
        {
            if (usableOn is { } day && IsExpired(holding, day))
            {
                remaining.Add(holding);
                continue;
            }
            var take = Math.Min(quantity - taken, holding.Quantity);
            taken += take;
            if (holding.Quantity > take)
            {
                remaining.Add(holding with { Quantity = holding.Quantity - take });
            }
        }
        return remaining.Count == 0 ? Empty : new LotState([.. remaining]);
    }

    /// <summary>Units in lots expired on <paramref name="day"/>: their expiry is before it (on the expiry day a lot is still usable).</summary>
    public int ExpiredOn(DateOnly day)
    {
        var total = 0;
        foreach (var holding in _holdings)
        {
            if (IsExpired(holding, day))
            {
                total += holding.Quantity;
            }
        }
        return total;
    }

    /// <summary>The lot expired on <paramref name="day"/> that expired last (the one a pharmacist most likely still holds), or null.</summary>
    public LotHolding? LatestExpiredOn(DateOnly day)
    {
        LotHolding? latest = null;
        foreach (var holding in _holdings)
        {
            if (IsExpired(holding, day))
            {
                latest = holding;
            }
        }
        return latest;
    }

    private static bool IsExpired(in LotHolding holding, DateOnly day) => holding.Expiry is { } expiry && expiry < day;

    public bool SameAs(LotState other) =>
        ReferenceEquals(this, other) || _holdings.AsSpan().SequenceEqual(other._holdings);

    public IReadOnlyList<LotBalance> ToBalances() =>
        _holdings.Length == 0 ? [] : _holdings.Select(h => new LotBalance(h.Lot, h.Expiry, h.Quantity)).ToArray();

    private int IndexOf(string lot)
    {
        for (var i = 0; i < _holdings.Length; i++)
        {
            if (string.Equals(_holdings[i].Lot, lot, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static int Fefo(LotHolding a, LotHolding b)
    {
        var byExpiry = (a.Expiry, b.Expiry) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            var (x, y) => x.Value.CompareTo(y.Value),
        };
        return byExpiry != 0 ? byExpiry : string.CompareOrdinal(a.Lot, b.Lot);
    }
}
