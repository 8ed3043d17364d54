using System.Net.Sockets;
using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Stream;

/// <summary>
/// One authenticated XEP-0114 connection: TCP (and TLS when asked), the stream, the handshake, then
/// stanzas in and out until either side closes. <see cref="ComponentLink"/> owns reconnection.
/// Reading is single-threaded (one read loop); <see cref="SendAsync"/> is thread-safe.
/// </summary>
public sealed partial class ComponentConnection : IAsyncDisposable
{
    private readonly IDisposable? _socket;
    private readonly System.IO.Stream _stream;
    private readonly StanzaReader _reader;
    private readonly StanzaWriter _writer;
    private readonly ComponentConnectionOptions _options;
    private int _closed;

    private ComponentConnection(IDisposable? socket, System.IO.Stream stream, ComponentConnectionOptions options)
    {
        _socket = socket;
        _stream = stream;
        _options = options;
        _reader = new StanzaReader(stream, options.MaxIncomingStanzaBytes, options.MaxStanzaDepth);
        _writer = new StanzaWriter(stream, options.MaxOutgoingStanzaBytes);
        Domain = Jid.Parse(options.Domain);
    }

    /// <summary>Our component domain as a JID: the <c>from</c> of what we send must lie inside it.</summary>
    public Jid Domain { get; }

    /// <summary>The id the server gave this stream.</summary>
    public string StreamId { get; private set; } = string.Empty;

    /// <summary>Connects, opens the stream and completes the handshake.</summary>
    /// <exception cref="StreamErrorException">The server refused us (wrong secret, unknown domain, conflict…).</exception>
    /// <exception cref="TimeoutException">No handshake answer within <see cref="ComponentConnectionOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="IOException">The network failed.</exception>
    /// <exception cref="SocketException">The server is not listening.</exception>
    public static async Task<ComponentConnection> OpenAsync(ComponentConnectionOptions options, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            EnableTcpKeepAlive(tcp.Client);
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(options.ConnectTimeout);
                await tcp.ConnectAsync(options.Host, options.Port, connectTimeout.Token).ConfigureAwait(false);
            }

            System.IO.Stream stream = tcp.GetStream();
            if (options.UseTls)
            {
                stream = await AuthenticateTlsAsync(stream, options, cancellationToken).ConfigureAwait(false);
            }

            return await OpenAsync(stream, tcp, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Opens the stream and completes the handshake over an already connected byte stream.</summary>
    /// <param name="stream">The transport; owned by the connection from now on.</param>
    /// <param name="socket">Disposed with the connection, if any.</param>
    /// <param name="options">Domain, secret and limits.</param>
    /// <param name="cancellationToken">Stops the handshake.</param>
    internal static async Task<ComponentConnection> OpenAsync(System.IO.Stream stream, IDisposable? socket, ComponentConnectionOptions options, CancellationToken cancellationToken)
    {
        var connection = new ComponentConnection(socket, stream, options);
        try
        {
            await connection.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the next stanza. A <c>&lt;stream:error/&gt;</c> from the server is thrown, never returned.</summary>
    /// <exception cref="StreamErrorException">The server sent a stream error, or broke restricted XML.</exception>
    public async Task<IncomingStanza> ReadAsync()
    {
        var incoming = await _reader.ReadAsync().ConfigureAwait(false);
        if (incoming.Element is { } element && element.Name == XmppNames.StreamError)
        {
            throw ReadStreamError(element);
        }

        return incoming;
    }

    /// <summary>Sends a stanza after checking RFC 6120/XEP-0114 addressing: <c>to</c> set, <c>from</c> inside our domain.</summary>
    /// <exception cref="ArgumentException">The stanza is not addressed as XEP-0114 §3 requires.</exception>
    /// <exception cref="Xml.StanzaTooLargeException">Over the outgoing cap; nothing was sent.</exception>
    public Task SendAsync(XElement stanza, CancellationToken cancellationToken)
    {
        EnsureAddressing(stanza);
        return _writer.WriteAsync(stanza, cancellationToken);
    }

    /// <summary>Sends <c>&lt;/stream:stream&gt;</c>. The read loop then sees the server's own close.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            await _writer.WriteRawAsync(Xep0114.StreamClose, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a stream error and closes, for a server that broke the protocol.</summary>
    public async Task FailAsync(string condition, string text, CancellationToken cancellationToken)
    {
        var error = new XElement(
            XmppNames.StreamError,
            new XElement(XmppNames.StreamErrors + condition),
            new XElement(XmppNames.StreamErrorText, text));
        await _writer.WriteAsync(error, cancellationToken).ConfigureAwait(false);
        await CloseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the socket. Safe from any thread, also while a read is pending: the read then fails.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket?.Dispose();
        _writer.Dispose();
    }

    private static StreamErrorException ReadStreamError(XElement error)
    {
        var condition = error.Elements().FirstOrDefault(e => e.Name.Namespace == XmppNames.StreamErrors && e.Name.LocalName != "text");
        return new StreamErrorException(
            condition?.Name.LocalName ?? StreamErrorCondition.UndefinedCondition,
            (string?)error.Element(XmppNames.StreamErrorText),
            fromPeer: true);
    }

    private void EnsureAddressing(XElement stanza)
    {
        if (!Jid.TryParse((string?)stanza.Attribute("from"), out var from) || from.Domain != Domain.Domain)
        {
            throw new ArgumentException($"An outgoing <{stanza.Name.LocalName}/> must have a 'from' inside {Domain}.", nameof(stanza));
        }

        if (string.IsNullOrEmpty((string?)stanza.Attribute("to")))
        {
            throw new ArgumentException($"An outgoing <{stanza.Name.LocalName}/> must have a 'to' (XEP-0114 §3).", nameof(stanza));
        }
    }

    // A dead peer behind a NAT is only noticed by TCP keepalive or our XEP-0199 pings.
    private static void EnableTcpKeepAlive(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
    }
}
