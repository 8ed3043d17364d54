using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Quoalise.IntegrationTests.Support;

/// <summary>
/// A Serilog sink the component host writes into during a test (picked up through
/// <c>ReadFrom.Services</c>). Tests await log events instead of sleeping, and a host fails its test at
/// dispose if anything unexpected was logged as an error. Thread-safe.
/// </summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();
    private readonly List<(Func<LogEvent, bool> Match, TaskCompletionSource<LogEvent> Seen)> _waiters = [];

    public IEnumerable<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        if (logEvent.Level >= LogEventLevel.Warning)
        {
            TestContext.Progress.WriteLine($"[{logEvent.Level}] {logEvent.RenderMessage()} {logEvent.Exception?.Message}");
        }

        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(logEvent)).ToList())
            {
                waiter.Seen.TrySetResult(logEvent);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>The next event (or one already logged) that matches, within the timeout.</summary>
    public Task<LogEvent> WaitForAsync(Func<LogEvent, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var already = _events.FirstOrDefault(match);
            if (already is not null)
            {
                return Task.FromResult(already);
            }

            _waiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }

    /// <summary>Counts the events that match, so far.</summary>
    public int Count(Func<LogEvent, bool> match) => _events.Count(match);

    public static Func<LogEvent, bool> WithEventId(int id) =>
        e => e.Properties.TryGetValue("EventId", out var value) && value is StructureValue s
            && s.Properties.Any(p => p.Name == "Id" && p.Value is ScalarValue { Value: int found } && found == id);
}
