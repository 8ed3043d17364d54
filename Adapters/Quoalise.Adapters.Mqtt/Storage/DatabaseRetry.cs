using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>
/// Runs the adapter's own queries, retrying transient database failures (connection lost, server restarting,
/// lock timeout: <see cref="DbException.IsTransient"/>) with exponential backoff for as long as it takes, so a
/// message waits, unacknowledged, instead of being lost. The start of each outage of one kind of query is logged
/// once and reported to <c>onOutage</c> (which records DB_ERROR). Thread-safe.
/// </summary>
internal sealed class DatabaseRetry(TimeProvider time, ILogger<DatabaseRetry> logger, Action<Exception> onOutage)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.Ordinal);

    public static bool IsTransient(Exception e) => e is DbException { IsTransient: true } or TimeoutException;

    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                var result = await operation(cancellationToken);
                if (_failing.TryRemove(what, out _))
                {
                    MqttLog.DatabaseBack(logger, what);
                }

                return result;
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (_failing.TryAdd(what, true))
                {
                    MqttLog.DatabaseUnavailable(logger, e, what);
                    onOutage(e);
                }

                await Task.Delay(Jittered(delay), time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public Task RunAsync(string what, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync(what, async token =>
        {
            await operation(token);
            return true;
        }, cancellationToken);

    // ±20 %, so instances retrying together do not hammer a restarting server in step.
    private static TimeSpan Jittered(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
}
