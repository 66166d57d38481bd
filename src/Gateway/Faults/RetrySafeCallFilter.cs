using System.Collections.Concurrent;
using System.Reflection;
using MhSupply.Faults;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Invocation;
using Polly;
using Polly.Retry;

namespace MhSupply.Gateway.Faults;

/// <summary>
/// Retries, with exponential back-off, the grain calls marked <see cref="RetrySafeAttribute"/> when the cluster did not
/// take or answer them (the silo hosting the grain died; see <see cref="ServiceFaults.IsClusterUnavailable"/>), until
/// <see cref="FaultOptions.RetryFor"/> has passed. So a stock report or a read routed to a silo that was just killed is
/// answered by its new activation once the silo is declared dead, instead of failing. Any other call, or any other failure
/// (a grain's own exception, PostgreSQL down), goes back to the caller at once.
/// </summary>
/// <remarks>
/// Orleans lets an outgoing filter call <see cref="IGrainCallContext.Invoke"/> again (the pipeline steps back after each
/// call), and the request object is not consumed by a remote send. The filter runs in the cluster client only: in a silo,
/// a local call is handed the request object itself and clears it when done.
/// </remarks>
public sealed class RetrySafeCallFilter : IOutgoingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> RetrySafe = new();
    private static readonly ResiliencePropertyKey<long> StartedAt = new("mh.retry.started");

    private readonly ResiliencePipeline<Response?> _pipeline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retryFor;

    public RetrySafeCallFilter(IOptions<FaultOptions> options, TimeProvider time, ILogger<RetrySafeCallFilter> logger)
    {
        var o = options.Value;
        _time = time;
        _retryFor = o.RetryFor;
        _pipeline = new ResiliencePipelineBuilder<Response?> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Response?>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    Failure(args.Outcome) is { } e && ServiceFaults.IsClusterUnavailable(e) && WithinBudget(args.Context)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.FirstRetryDelay,
                MaxDelay = o.MaxRetryDelay,
                OnRetry = args =>
                {
                    logger.LogWarning("Retrying {Call} (attempt {Attempt}) in {Delay} ms: {Failure}", args.Context.OperationKey,
                        args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds, Failure(args.Outcome)?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!RetrySafe.GetOrAdd(context.InterfaceMethod, m => m.GetCustomAttribute<RetrySafeAttribute>() is not null))
        {
            await context.Invoke();
            return;
        }
        var resilience = ResilienceContextPool.Shared.Get($"{context.InterfaceName}.{context.MethodName}");
        resilience.Properties.Set(StartedAt, _time.GetTimestamp());
        try
        {
            context.Response = await _pipeline.ExecuteAsync(static async (_, call) =>
            {
                await call.Invoke();
                return call.Response;
            }, resilience, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    private bool WithinBudget(ResilienceContext context) =>
        context.Properties.TryGetValue(StartedAt, out var started) && _time.GetElapsedTime(started) < _retryFor;

    /// <summary>A failed call either throws or completes with an exception response, depending on the pipeline stage.</summary>
    private static Exception? Failure(Outcome<Response?> outcome) => outcome.Exception ?? outcome.Result?.Exception;
}
