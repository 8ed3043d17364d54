using System.Runtime.CompilerServices;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// An embedded broker connection's stream, as MQTTnet reads it. It is read a block at a time: reads smaller than a
/// block are served from the last block read, so MQTTnet's two reads per packet (the fixed header, then the body) cost
/// one receive call instead of two. Reads of a block or more with nothing buffered go straight to the inner stream;
/// writes always do. Every byte handed out passes the <see cref="MqttPacketSizeGuard"/> first. Not thread-safe for
/// reads, as no stream is: one connection's receive loop reads it.
/// </summary>
internal sealed class MqttConnectionStream(Stream inner, int blockBytes, MqttPacketSizeGuard guard) : Stream
{
    private readonly byte[] _block = new byte[blockBytes];
    private int _next;
    private int _end;

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_next < _end)
        {
            return ValueTask.FromResult(TakeBuffered(destination.Span));
        }

        return destination.Length >= _block.Length ? ReadDirectAsync(destination, cancellationToken) : FillThenTakeAsync(destination, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> destination)
    {
        if (_next == _end)
        {
            if (destination.Length >= _block.Length)
            {
                var read = inner.Read(destination);
                guard.Inspect(destination[..read]);
                return read;
            }

            _next = 0;
            _end = inner.Read(_block);
        }

        return TakeBuffered(destination);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> source) => inner.Write(source);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(source, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadDirectAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(destination, cancellationToken);
        guard.Inspect(destination.Span[..read]);
        return read;
    }

    // Pooled: a connection waits here for every packet, and its state machine would otherwise be a new object each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillThenTakeAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        _next = 0;
        _end = await inner.ReadAsync(_block, cancellationToken);
        return TakeBuffered(destination.Span);
    }

    // Zero, the end of the stream, when the block is empty after a read.
    private int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _next);
        var taken = _block.AsSpan(_next, count);
        guard.Inspect(taken);
        taken.CopyTo(destination);
        _next += count;
        return count;
    }
}
