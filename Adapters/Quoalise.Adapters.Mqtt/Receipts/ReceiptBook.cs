using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Receipts;

/// <summary>
/// Where receipts are kept (docs/mqtt.md, "Delivery receipts"). A message's receipt goes to memory, in its session's
/// page of 32 packet ids, and into the receipt log in front of its readings; every two seconds the pages changed since
/// are saved, one point each, with a checkpoint that frees the log behind it. So storage writes a row for about every
/// 25 messages instead of one each, and a session whose packet ids wrapped rewrites a page every few seconds instead
/// of a row every message (which cost PostgreSQL 13% of ingest, docs/BENCHMARKS.md). After a crash,
/// <see cref="RecoverAsync"/> applies the log past the checkpoint to the pages before any message is taken.
/// Thread-safe.
/// </summary>
internal sealed class ReceiptBook : IAsyncDisposable
{
    public const string PagePrefix = "urn:dev:quoalise:mqtt-receipts:";

    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);

    // Pages read from storage together (2,048 make a session's 65,536 packet ids).
    private const int PagesPerRead = 16;

    // Saved pages unused for this many flushes leave memory: a device counting its packet ids up never comes back to a
    // page before 65,535 more messages, and thousands of idle pages cost the collector more than a read when it does.
    private const int IdleFlushesBeforeForgetting = 4;

    // Session keys remembered, past which the memory starts over, and the longest client id remembered.
    private const int RememberedSessions = 100_000;
    private const int RememberedSessionLength = 256;

    private readonly ISeriesReader _reader;
    private readonly ISeriesWriter _writer;
    private readonly DatabaseRetry _retry;
    private readonly TimeProvider _time;
    private readonly ILogger<ReceiptBook> _logger;
    private readonly ConcurrentDictionary<string, long> _sessionKeys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Dictionary<(long Session, int Page), Task<ReceiptPage>> _pages = [];
    private readonly SortedSet<long> _unwrittenSequences = [];
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private long _nextSequence = 1;
    private long _savedCheckpoint;
    private long _generation;
    private Task? _flushLoop;

    public ReceiptBook(ISeriesReader reader, ISeriesWriter writer, DatabaseRetry retry, TimeProvider time, string instance, ILogger<ReceiptBook> logger)
    {
        _reader = reader;
        _writer = writer;
        _retry = retry;
        _time = time;
        _logger = logger;
        LogSeries = ReceiptLog.SeriesOf(instance);
    }

    /// <summary>This instance's receipt log (<see cref="ReceiptLog"/>).</summary>
    public string LogSeries { get; }

    /// <summary>The session's key: the first eight bytes of SHA-256 of its client id (up to 65,535 bytes).</summary>
    public long SessionKey(string session)
    {
        if (_sessionKeys.TryGetValue(session, out var key))
        {
            return key;
        }

        key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(session)).AsSpan(0, 8));
        if (session.Length <= RememberedSessionLength)
        {
            if (_sessionKeys.Count >= RememberedSessions)
            {
                _sessionKeys.Clear();
            }

            _sessionKeys[session] = key;
        }

        return key;
    }

    /// <summary>Receipt pages and logs: unregistered series, never listed, read or pushed.</summary>
    public static bool IsReceiptSeries(string identifier) =>
        identifier.StartsWith(PagePrefix, StringComparison.Ordinal) || identifier.StartsWith(ReceiptLog.SeriesPrefix, StringComparison.Ordinal);

    public static string PageSeries(long session) => PagePrefix + session.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Applies the log written after the last checkpoint (a crash) to the pages and saves them, then saves every two
    /// seconds. Runs before the broker takes any message.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var checkpointPage = await _retry.RunAsync("delivery receipts", token => _reader.ReadAsync(new SeriesQuery(LogSeries, DateTimeOffset.UnixEpoch, ReceiptLog.Ring.Start, 1), token), cancellationToken);
        var checkpoint = checkpointPage.Points is [{ Value: { } saved }] ? (long)saved : 0;
        var unsaved = new List<(long Sequence, Receipt[] Receipts)>();
        DateTimeOffset? after = null;
        do
        {
            var query = new SeriesQuery(LogSeries, ReceiptLog.Ring.Start, ReceiptLog.Ring.End, 1000, after);
            var page = await _retry.RunAsync("delivery receipts", token => _reader.ReadAsync(query, token), cancellationToken);
            foreach (var point in page.Points.Where(p => p.Value is null || p.Value > checkpoint))
            {
                try
                {
                    unsaved.Add((ReceiptLog.SequenceOf(point), [.. ReceiptLog.Receipts(point)]));
                }
                catch (FormatException e)
                {
                    // Storage damaged by hand: those receipts are lost (a redelivery of one may duplicate), not the start.
                    MqttLog.ReceiptsUnreadable(_logger, e, LogSeries, UnixMicroseconds.From(point.Time));
                }
            }

            after = page.NextAfter;
        }
        while (after is not null);

        var receipts = 0;
        foreach (var (_, logged) in unsaved.OrderBy(p => p.Sequence))
        {
            foreach (var receipt in logged)
            {
                await RecordAsync(receipt, cancellationToken);
                receipts++;
            }
        }

        lock (_lock)
        {
            _savedCheckpoint = checkpoint;
            _nextSequence = Math.Max(checkpoint, unsaved.Count == 0 ? 0 : unsaved.Max(p => p.Sequence)) + 1;
        }

        await FlushAsync(cancellationToken);
        MqttLog.ReceiptsRecovered(_logger, receipts, unsaved.Count, checkpoint);
        _flushLoop ??= Task.Run(FlushPeriodicallyAsync, CancellationToken.None);
    }

    /// <summary>The newest receipt of the session's packet id, if any.</summary>
    public async Task<Receipt?> FindAsync(long session, ushort packetId, CancellationToken cancellationToken)
    {
        var page = await PageAsync(session, ReceiptPage.Index(packetId), cancellationToken);
        lock (_lock)
        {
            return page.TryGet(packetId, out var stamp, out var hash) ? new Receipt(session, packetId, stamp, hash) : null;
        }
    }

    /// <summary>Remembers a receipt; it is saved by the next flush, and logged by <see cref="ReceiptedWriter"/> before that.</summary>
    public ValueTask RecordAsync(Receipt receipt, CancellationToken cancellationToken)
    {
        var index = ReceiptPage.Index(receipt.PacketId);
        lock (_lock)
        {
            // Nearly always: the page is in memory, and one lock does it all.
            if (_pages.TryGetValue((receipt.Session, index), out var loading) && loading.IsCompletedSuccessfully)
            {
                Set(loading.Result, receipt);
                return ValueTask.CompletedTask;
            }
        }

        return RecordLoadingAsync(receipt, index, cancellationToken);
    }

    /// <summary>
    /// Sequences for <paramref name="count"/> log points, all of whose receipts are recorded already. Waits for a
    /// flush when the ring is full, so a slot is reused only once the checkpoint is past it.
    /// </summary>
    public async Task<long> ReserveAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_nextSequence + count - 1 <= _savedCheckpoint + ReceiptLog.RingSlots)
                {
                    var first = _nextSequence;
                    _nextSequence += count;
                    _unwrittenSequences.Add(first);
                    return first;
                }
            }

            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>The log points from <paramref name="first"/> are committed, or will never be.</summary>
    public void Written(long first)
    {
        lock (_lock)
        {
            _unwrittenSequences.Remove(first);
        }
    }

    /// <summary>Saves the pages changed since the last flush, then the checkpoint past which the log is still needed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var points = new List<SenMLRecord>();
            var saving = new List<(ReceiptPage Page, long Version)>();
            long checkpoint;
            lock (_lock)
            {
                // Up to the first log point not yet committed: a slot is reused only once its own write is done.
                checkpoint = (_unwrittenSequences.Count > 0 ? _unwrittenSequences.Min : _nextSequence) - 1;
                foreach (var ((session, index), loading) in _pages)
                {
                    if (loading.IsCompletedSuccessfully && loading.Result is { Unsaved: true } page)
                    {
                        points.Add(new SenMLRecord(PageSeries(session), UnixMicroseconds.ToTime(index), DataValue: page.Encode()));
                        saving.Add((page, page.Version));
                    }
                }
            }

            if (points.Count == 0 && checkpoint <= _savedCheckpoint)
            {
                return;
            }

            // Last in the write: storage commits in order, so a committed checkpoint has its pages committed.
            points.Add(ReceiptLog.Checkpoint(LogSeries, checkpoint));
            await _retry.RunAsync("delivery receipts", token => _writer.WriteAsync(points, token), cancellationToken);
            lock (_lock)
            {
                foreach (var (page, version) in saving)
                {
                    page.SavedVersion = Math.Max(page.SavedVersion, version);
                }

                _savedCheckpoint = Math.Max(_savedCheckpoint, checkpoint);
                _generation++;
                ForgetIdlePages();
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Stops flushing periodically, then saves what changed since the last flush.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_flushLoop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await FlushAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_flushLoop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private async Task FlushPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(FlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await FlushAsync(_stopping.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The log keeps every receipt not saved: the next flush tries again.
                    MqttLog.ReceiptsNotSaved(_logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task<ReceiptPage> PageAsync(long session, int index, CancellationToken cancellationToken)
    {
        Task<ReceiptPage> loading;
        lock (_lock)
        {
            if (!_pages.TryGetValue((session, index), out loading!))
            {
                // The pages of the block not in memory yet, in one read: 1 read per 512 messages of a device counting its
                // packet ids up, instead of 1 per 32 (a read per page cost the component about a fifth more CPU per message).
                var first = index - (index % PagesPerRead);
                var missing = Enumerable.Range(first, PagesPerRead).Where(i => !_pages.ContainsKey((session, i))).ToList();
                var block = LoadAsync(session, first, missing);
                foreach (var i in missing)
                {
                    _pages[(session, i)] = PageOfAsync(block, i);
                }

                loading = _pages[(session, index)];
            }
        }

        try
        {
            return await loading.WaitAsync(cancellationToken);
        }
        catch (Exception) when (loading.IsFaulted || loading.IsCanceled)
        {
            lock (_lock)
            {
                if (_pages.TryGetValue((session, index), out var current) && current == loading)
                {
                    _pages.Remove((session, index));
                }
            }

            throw;
        }
    }

    private async ValueTask RecordLoadingAsync(Receipt receipt, int index, CancellationToken cancellationToken)
    {
        var page = await PageAsync(receipt.Session, index, cancellationToken);
        lock (_lock)
        {
            Set(page, receipt);
        }
    }

    // Under _lock.
    private void Set(ReceiptPage page, Receipt receipt)
    {
        page.Set(receipt.PacketId, receipt.StampUs, receipt.MessageHash);
        page.LastUsed = _generation;
    }

    private static async Task<ReceiptPage> PageOfAsync(Task<Dictionary<int, ReceiptPage>> block, int index) => (await block)[index];

    private async Task<Dictionary<int, ReceiptPage>> LoadAsync(long session, int first, List<int> missing)
    {
        // Off the caller's lock before the read starts.
        await Task.Yield();
        var series = PageSeries(session);
        var query = new SeriesQuery(series, UnixMicroseconds.ToTime(first), UnixMicroseconds.ToTime(first + PagesPerRead), PagesPerRead);
        var found = await _retry.RunAsync("delivery receipts", token => _reader.ReadAsync(query, token), _stopping.Token);
        var stored = found.Points.Where(p => p.DataValue is not null).ToDictionary(p => (int)UnixMicroseconds.From(p.Time), p => p.DataValue!);
        var generation = Volatile.Read(ref _generation);
        return missing.ToDictionary(i => i, i =>
        {
            var page = stored.TryGetValue(i, out var encoded) ? Decode(series, i, encoded) : new ReceiptPage();
            page.LastUsed = generation;
            return page;
        });
    }

    private ReceiptPage Decode(string series, int index, string encoded)
    {
        try
        {
            return ReceiptPage.Decode(encoded);
        }
        catch (FormatException e)
        {
            // Storage damaged by hand: receipts start over for these 32 packet ids rather than stop the session's ingest.
            MqttLog.ReceiptsUnreadable(_logger, e, series, index);
            return new ReceiptPage();
        }
    }

    // Under _lock.
    private void ForgetIdlePages()
    {
        List<(long, int)>? idle = null;
        foreach (var (key, loading) in _pages)
        {
            if (loading.IsCompletedSuccessfully && loading.Result is { Unsaved: false } page && page.LastUsed < _generation - IdleFlushesBeforeForgetting)
            {
                (idle ??= []).Add(key);
            }
        }

        idle?.ForEach(key => _pages.Remove(key));
    }
}
