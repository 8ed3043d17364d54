using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Metering;

/// <summary>
/// Registers series in the catalogue in the background, once per process and series, off the
/// acknowledgement path: the first sample of a new series is acknowledged once its point is committed,
/// without waiting for its catalogue row (storage keeps points of a series registered later). A failed
/// registration is retried when the series is next seen. Thread-safe.
/// </summary>
internal sealed class SeriesRegistrar : BackgroundService
{
    private const int MaxWaiting = 100_000;

    // One transaction each: thousands of charge points coming online at once register tens of thousands of series.
    // No more: a points batch writing one of these series' first points waits for the transaction to commit.
    private const int MaxBatch = 250;

    private readonly ISeriesCatalog _catalog;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _requested = new(StringComparer.Ordinal);
    private readonly Channel<SeriesDefinition> _queue = Channel.CreateBounded<SeriesDefinition>(
        new BoundedChannelOptions(MaxWaiting) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public SeriesRegistrar(ISeriesCatalog catalog, ILogger<SeriesRegistrar> logger)
    {
        _catalog = catalog;
        _logger = logger;
    }

    /// <summary>Queues the series for registration unless this process already did (or queued) it.</summary>
    public void Register(string identifier, Func<SeriesDefinition> definition)
    {
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_requested.TryAdd(identifier, registered) && !_queue.Writer.TryWrite(definition()))
        {
            _requested.TryRemove(identifier, out _);
        }
    }

    /// <summary>Completes when the series is in the catalogue; fails if its registration failed.</summary>
    public Task WhenRegistered(string identifier) =>
        _requested.TryGetValue(identifier, out var registered)
            ? registered.Task
            : Task.FromException(new InvalidOperationException($"Series {identifier} has not been seen by this process."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<SeriesDefinition>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var series))
                {
                    batch.Add(series);
                }

                await RegisterAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: series not yet registered are registered when next seen after the restart.
        }
    }

    private async Task RegisterAsync(List<SeriesDefinition> batch, CancellationToken stoppingToken)
    {
        try
        {
            await _catalog.RegisterAsync(batch, stoppingToken);
            foreach (var series in batch)
            {
                Completion(series.Identifier)?.TrySetResult();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failure of the whole transaction: logged once, not once per series.
            OcppLog.SeriesRegistrationFailed(_logger, batch.Count, batch[0].Identifier, e);
            foreach (var series in batch)
            {
                if (_requested.TryRemove(series.Identifier, out var failed))
                {
                    failed.TrySetException(e);
                }
            }
        }
    }

    private TaskCompletionSource? Completion(string identifier) => _requested.GetValueOrDefault(identifier);
}
