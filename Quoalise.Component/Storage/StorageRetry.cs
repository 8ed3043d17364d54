using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Quoalise.Component.Storage.Health;

namespace Quoalise.Component.Storage;

/// <summary>
/// The one retry policy of storage: transient errors (<see cref="StorageEngine.IsTransient"/>) are retried
/// without limit, with exponential backoff and jitter capped at <see cref="StorageOptions.RetryMaxDelay"/>,
/// marking the database unreachable meanwhile. Anything else fails at once.
/// </summary>
internal static class StorageRetry
{
    public static ResiliencePipeline Create(
        StorageEngine engine, StorageOptions options, StorageHealth health, Func<int> pendingPoints, ILogger logger, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && engine.IsTransient(e)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryFirstDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception!;
                    health.ReportUnreachable(error, pendingPoints());
                    StorageLog.RetryScheduled(logger, args.AttemptNumber + 1, error.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
