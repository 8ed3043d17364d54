using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Stream;

public sealed partial class ComponentConnection
{
    // XEP-0114 §3: header out, header in (its id), digest out, empty <handshake/> in. The server may
    // send header, error and close in one read (host-unknown), which the reader handles like any data.
    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.HandshakeTimeout);

        // XmlReader calls take no token: closing the stream is what unblocks them on timeout.
        await using var abort = timeout.Token.Register(() => _stream.Dispose()).ConfigureAwait(false);
        try
        {
            await _writer.WriteRawAsync(Xep0114.StreamHeader(_options.Domain), timeout.Token).ConfigureAwait(false);
            var header = await _reader.ReadHeaderAsync().ConfigureAwait(false);
            StreamId = header.Id ?? string.Empty;
            if (StreamId.Length > 0)
            {
                var handshake = new System.Xml.Linq.XElement(XmppNames.Handshake, Xep0114.HandshakeDigest(StreamId, _options.Secret));
                await _writer.WriteAsync(handshake, timeout.Token).ConfigureAwait(false);
            }

            var answer = await ReadAsync().ConfigureAwait(false);
            if (answer.Element?.Name != XmppNames.Handshake)
            {
                throw answer.IsEnd
                    ? new EndOfStreamException("The server closed the stream during the handshake.")
                    : new StreamErrorException(StreamErrorCondition.NotAuthorized, $"Expected <handshake/>, got <{answer.Element!.Name.LocalName}>.", fromPeer: false);
            }
        }
        catch (Exception e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is not StreamErrorException)
        {
            throw new TimeoutException($"No handshake answer from {_options.Host}:{_options.Port} within {_options.HandshakeTimeout.TotalSeconds} s.", e);
        }
    }
}
