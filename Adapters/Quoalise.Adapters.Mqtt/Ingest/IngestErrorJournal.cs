using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Mqtt.Storage;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>
/// Records <see cref="IngestError"/>s in the error table, batched, and logs each one (event 4020). A message is
/// acknowledged only after its errors are committed, so an error row is as durable as a reading. Thread-safe.
/// </summary>
internal sealed class IngestErrorJournal : IAsyncDisposable
{
    private readonly BatchingWriter<IngestError> _writer;
    private readonly ILogger<IngestErrorJournal> _logger;

    private readonly TimeProvider _time;

    public IngestErrorJournal(IIngestErrorStore store, DatabaseRetry retry, TimeProvider time, ILogger<IngestErrorJournal> logger)
    {
        _time = time;
        _logger = logger;
        _writer = new BatchingWriter<IngestError>("ingest errors", store.AddAsync, retry, capacity: 10_000, maxBatch: 1_000);
    }

    /// <summary>Completes once the error is committed; logged then, so a test or an operator seeing the line finds the row.</summary>
    public async Task RecordAsync(IngestError error, CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(error, cancellationToken);
        MqttLog.IngestErrorRecorded(_logger, error.Type, error.Topic, error.Detail);
    }

    public async Task RecordAsync(IEnumerable<IngestError> errors, CancellationToken cancellationToken) =>
        await Task.WhenAll(errors.Select(e => RecordAsync(e, cancellationToken)));

    /// <summary>For events with no message to hold back (an outage, a lost connection): recorded when the database allows.</summary>
    public void RecordInBackground(IngestError error)
    {
        var recording = RecordAsync(error, CancellationToken.None);
        recording.ContinueWith(
            t => MqttLog.IngestErrorNotRecorded(_logger, t.Exception!.GetBaseException(), error.Type),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>DB_ERROR for the start of a database outage; committed once the database is back.</summary>
    public void RecordOutage(Exception exception) =>
        RecordInBackground(IngestError.Create(IngestErrorType.DatabaseError, string.Empty, [], $"{exception.GetType().Name}: {exception.Message}", _time.GetUtcNow()));

    public Task StopAsync(CancellationToken cancellationToken) => _writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
