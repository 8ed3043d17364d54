using System.IO.Pipelines;

namespace Quoalise.Testing.Streams;

/// <summary>
/// Two connected in-memory byte streams, like the ends of a socket: what one writes the other reads.
/// Lets protocol code run against a scripted peer without opening a socket.
/// </summary>
public static class DuplexPipe
{
    public static (Stream Client, Stream Server) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new End(toClient.Reader, toServer.Writer), new End(toServer.Reader, toClient.Writer));
    }

    private sealed class End(PipeReader reader, PipeWriter writer) : Stream
    {
        private readonly PipeReader _reader = reader;
        private readonly Stream _in = reader.AsStream();
        private readonly Stream _out = writer.AsStream();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _in.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _in.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _out.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _out.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => _out.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // Closing one end is the peer seeing end-of-stream, and a read pending on this end failing, as with a socket.
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _reader.CancelPendingRead();
                _out.Dispose();
                _in.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
