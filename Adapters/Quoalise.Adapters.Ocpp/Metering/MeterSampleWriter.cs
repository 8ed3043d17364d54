using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Metering;

/// <summary>
/// Writes samples of many messages and many charge points in one database transaction (a commit per
/// message would cap SQLite at a few hundred messages a second). <see cref="WriteAsync"/> completes once
/// its samples are committed, so the CALLRESULT goes out after the commit and nothing acknowledged is
/// lost; when the batch fails, every writer in it gets the exception and the charge point retries.
/// Thread-safe.
/// </summary>
internal sealed partial class MeterSampleWriter : BackgroundService
{
    private const int MaxBatchSamples = 5_000;
    private const int MaxWaitingWrites = 20_000;

    private readonly MeterSampleStore _store;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(MaxWaitingWrites) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public MeterSampleWriter(MeterSampleStore store, ILogger<MeterSampleWriter> logger)
    {
        _store = store;
        _logger = logger;
    }

    public async Task WriteAsync(IReadOnlyList<StoredSample> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return;
        }

        var write = new PendingWrite(samples, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(write, cancellationToken);
        await write.Committed.Task.WaitAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Writes already queued are committed before the host stops; new ones are refused.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>();
        var samples = new List<StoredSample>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (samples.Count < MaxBatchSamples && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
                samples.AddRange(write.Samples);
            }

            try
            {
                await _store.InsertAsync(samples, CancellationToken.None);
                batch.ForEach(w => w.Committed.TrySetResult());
            }
            catch (Exception e)
            {
                OcppLog.SampleBatchFailed(_logger, samples.Count, e);
                batch.ForEach(w => w.Committed.TrySetException(e));
            }

            batch.Clear();
            samples.Clear();
        }
    }

    private sealed record PendingWrite(IReadOnlyList<StoredSample> Samples, TaskCompletionSource Committed);
}
