using Microsoft.Extensions.Logging;

namespace MhSupply.Stock;

/// <summary>
/// How the stock jobs call each facility's grain: at most <c>parallelism</c> calls in flight, a facility that fails is
/// logged and does not stop the others, and the run then throws after them, naming the failed facilities, so Hangfire
/// marks the run failed and the next one (or any report) catches them up.
/// </summary>
internal static class FacilityFanOut
{
    /// <summary>The sum of what <paramref name="call"/> returned for the facilities that succeeded.</summary>
    /// <param name="summary">The run's summary from that sum; the exception of a partly failed run starts with it.</param>
    public static async Task<string> RunAsync(IReadOnlyCollection<string> facilities, int parallelism, Func<string, Task<int>> call,
        Func<int, string> summary, ILogger logger, string failure, CancellationToken cancellationToken)
    {
        var total = 0;
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(facilities, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (facility, _) =>
            {
                try
                {
                    Interlocked.Add(ref total, await call(facility));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, failure, facility);
                    failed.Add(facility);
                }
            });
        var text = summary(total);
        return failed.IsEmpty
            ? text
            : throw new InvalidOperationException($"{text}; failed at {failed.Count}: {string.Join(", ", failed.Order(StringComparer.Ordinal))}");
    }
}
