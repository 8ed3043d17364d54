using System.Threading.Channels;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Receipts;

/// <summary>
/// Writes messages' readings with their receipts: the messages queued while earlier groups commit form one group,
/// written as one storage write of its receipt log points (29 receipts each) followed by its readings, so committed
/// readings always have their receipt logged. Up to four groups are in flight, as storage overlaps its batches; under
/// load the groups grow, which is what makes a log row carry many receipts. Thread-safe.
/// </summary>
internal sealed class ReceiptedWriter : IAsyncDisposable
{
    private const int GroupsInFlight = 4;
    private const int MaxGroupMessages = 4_096;

    private readonly Channel<Message> _queue = Channel.CreateBounded<Message>(new BoundedChannelOptions(50_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _inFlight = new(GroupsInFlight, GroupsInFlight);
    private readonly ReceiptBook _book;
    private readonly ISeriesWriter _writer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public ReceiptedWriter(ReceiptBook book, ISeriesWriter writer)
    {
        _book = book;
        _writer = writer;
        _loop = Task.Run(GroupAsync);
    }

    /// <summary>Completes once the readings and their receipt are committed.</summary>
    public async Task WriteAsync(Receipt receipt, IReadOnlyList<SenMLRecord> readings, CancellationToken cancellationToken)
    {
        var message = new Message(receipt, readings, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(message))
        {
            await _queue.Writer.WriteAsync(message, cancellationToken);
        }

        await message.Committed.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task GroupAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                await _inFlight.WaitAsync(_stopping.Token);
                var group = new List<Message>();
                while (group.Count < MaxGroupMessages && _queue.Reader.TryRead(out var message))
                {
                    group.Add(message);
                }

                _ = CommitAsync(group);
            }
        }
        catch (OperationCanceledException)
        {
            var stopped = new OperationCanceledException("Stopped before the readings were committed.");
            while (_queue.Reader.TryRead(out var message))
            {
                message.Committed.TrySetException(stopped);
            }
        }
    }

    private async Task CommitAsync(List<Message> group)
    {
        long? first = null;
        try
        {
            var logPoints = (group.Count + ReceiptLog.ReceiptsPerPoint - 1) / ReceiptLog.ReceiptsPerPoint;
            first = await _book.ReserveAsync(logPoints, _stopping.Token);
            var receipts = group.Select(m => m.Receipt).ToArray();
            var records = new List<SenMLRecord>(logPoints + (group.Count * 3));
            for (var point = 0; point < logPoints; point++)
            {
                var from = point * ReceiptLog.ReceiptsPerPoint;
                records.Add(ReceiptLog.Point(_book.LogSeries, first.Value + point, receipts.AsSpan(from, Math.Min(ReceiptLog.ReceiptsPerPoint, receipts.Length - from))));
            }

            foreach (var message in group)
            {
                records.AddRange(message.Readings);
            }

            await _writer.WriteAsync(records, _stopping.Token);
            group.ForEach(m => m.Committed.TrySetResult());
        }
        catch (Exception e)
        {
            group.ForEach(m => m.Committed.TrySetException(e));
        }
        finally
        {
            if (first is { } written)
            {
                _book.Written(written);
            }

            _inFlight.Release();
        }
    }

    private sealed record Message(Receipt Receipt, IReadOnlyList<SenMLRecord> Readings, TaskCompletionSource Committed);
}
