using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Quoalise.IntegrationTests.Storage;

/// <summary>Keeps every log line of a test host, so a test can await one and fail on unexpected errors. Thread-safe.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public IReadOnlyList<LogLine> Errors => [.. _lines.Where(l => l.Level >= LogLevel.Error)];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    internal sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class Recorder(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider._lines.Enqueue(new LogLine(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
