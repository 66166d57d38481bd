using System.Globalization;

namespace MhSupply.Bench;

/// <summary>Nearest-rank percentiles of a phase's latencies, in milliseconds.</summary>
public sealed class Latencies(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double Percentile(double p)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public string Summary(params double[] percentiles) =>
        string.Join("  ", percentiles.Select(p => string.Create(CultureInfo.InvariantCulture, $"p{p:0.#} {Percentile(p):F1}")))
        + string.Create(CultureInfo.InvariantCulture, $"  max {Max:F1}");
}
