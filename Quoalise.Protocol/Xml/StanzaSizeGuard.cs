namespace Quoalise.Protocol.Xml;

/// <summary>
/// A read-only stream wrapper that counts bytes since the current stanza began. The reader checks
/// <see cref="BytesInWindow"/> to skip an oversized stanza while keeping the link; past
/// <see cref="HardLimitBytes"/> reading fails outright, so a single huge token can never exhaust memory.
/// </summary>
/// <remarks>
/// <c>XmlReaderSettings.MaxCharactersInDocument</c> cannot serve: it counts the whole stream for the
/// connection's lifetime. The count is approximate by the XmlReader's read-ahead (about 4 KiB).
/// Not thread-safe: one reader owns it.
/// </remarks>
internal sealed class StanzaSizeGuard : System.IO.Stream
{
    private readonly System.IO.Stream _inner;

    public StanzaSizeGuard(System.IO.Stream inner, long hardLimitBytes)
    {
        _inner = inner;
        HardLimitBytes = hardLimitBytes;
    }

    public long HardLimitBytes { get; }

    public long BytesInWindow { get; private set; }

    /// <summary>The peer closed the connection: any XML error from here on is just the cut-off stream.</summary>
    public bool ReachedEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Starts counting a new stanza.</summary>
    public void ResetWindow() => BytesInWindow = 0;

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        ReachedEnd |= read == 0;
        BytesInWindow += read;
        if (BytesInWindow > HardLimitBytes)
        {
            throw new StanzaTooLargeException($"An incoming stanza exceeded {HardLimitBytes} bytes.");
        }

        return read;
    }
}
