using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Stream;

namespace Quoalise.Testing.Xmpp;

/// <summary>
/// A minimal XMPP client (RFC 6120 c2s over plaintext, SASL PLAIN, resource binding) for load tools,
/// where a Python client per simulated user would measure Python rather than the component. It
/// reuses the protocol library's stream reader and writer. Not for production: no TLS, no SCRAM.
/// Thread-safe for concurrent requests once connected.
/// </summary>
public sealed class C2sClient : IAsyncDisposable
{
    private const string Sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
    private const string Bind = "urn:ietf:params:xml:ns:xmpp-bind";
    private static readonly XNamespace Client = XmppNames.ClientNamespace;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StanzaWriter _writer;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<XElement>> _pending = new();
    private Task _readLoop = Task.CompletedTask;
    private long _ids;

    private C2sClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _writer = new StanzaWriter(_stream, 1024 * 1024);
    }

    /// <summary>The bound full JID.</summary>
    public Jid Jid { get; private set; } = null!;

    public static async Task<C2sClient> ConnectAsync(string host, int port, Jid account, string password, CancellationToken cancellationToken = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        var client = new C2sClient(tcp);
        try
        {
            await client.LogInAsync(account, password, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends an iq (an id is set) and returns the answer, result or error.</summary>
    public async Task<XElement> RequestAsync(XElement iq, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var id = "c" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
        iq.SetAttributeValue("id", id);
        var answer = new TaskCompletionSource<XElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            await _writer.WriteAsync(iq, cancellationToken).ConfigureAwait(false);
            return await answer.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>An XEP-0050 execute carrying a submitted form, as the Python quoalise client sends it.</summary>
    public static XElement OneShotCommand(string to, string node, IReadOnlyDictionary<string, string> fields) =>
        new(
            Client + "iq",
            new XAttribute("type", "set"),
            new XAttribute("to", to),
            new XElement(
                XName.Get("command", "http://jabber.org/protocol/commands"),
                new XAttribute("node", node),
                new XAttribute("action", "execute"),
                new XElement(
                    XName.Get("x", "jabber:x:data"),
                    new XAttribute("type", "submit"),
                    fields.Select(f => new XElement(XName.Get("field", "jabber:x:data"), new XAttribute("var", f.Key), new XElement(XName.Get("value", "jabber:x:data"), f.Value))))));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writer.WriteRawAsync(Xep0114.StreamClose, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Already gone.
        }

        _tcp.Dispose();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Xml.XmlException)
        {
            // The socket was closed under the read loop.
        }

        _writer.Dispose();
    }

    private async Task LogInAsync(Jid account, string password, CancellationToken cancellationToken)
    {
        // RFC 6120 §6.4.6: after SASL the stream restarts, and so does the XML document.
        var reader = await OpenStreamAsync(account.Domain, cancellationToken).ConfigureAwait(false);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{account.Local}\0{password}"));
        await _writer.WriteAsync(new XElement(XName.Get("auth", Sasl), new XAttribute("mechanism", "PLAIN"), credentials), cancellationToken).ConfigureAwait(false);
        var outcome = (await reader.ReadAsync().ConfigureAwait(false)).Element;
        if (outcome?.Name.LocalName != "success")
        {
            throw new InvalidOperationException($"Login of {account} failed: {outcome}");
        }

        reader = await OpenStreamAsync(account.Domain, cancellationToken).ConfigureAwait(false);
        await _writer.WriteAsync(
            new XElement(Client + "iq", new XAttribute("type", "set"), new XAttribute("id", "bind"), new XElement(XName.Get("bind", Bind), new XElement(XName.Get("resource", Bind), "load"))),
            cancellationToken).ConfigureAwait(false);
        var bound = (await reader.ReadAsync().ConfigureAwait(false)).Element;
        Jid = Jid.Parse(bound?.Descendants(XName.Get("jid", Bind)).SingleOrDefault()?.Value ?? throw new InvalidOperationException($"Binding failed: {bound}"));
        _readLoop = ReadLoopAsync(reader);
    }

    private async Task<StanzaReader> OpenStreamAsync(string domain, CancellationToken cancellationToken)
    {
        await _writer.WriteRawAsync(
            $"<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='{domain}' version='1.0'>",
            cancellationToken).ConfigureAwait(false);
        var reader = new StanzaReader(_stream, 1024 * 1024, 64);
        await reader.ReadHeaderAsync().ConfigureAwait(false);
        await reader.ReadAsync().ConfigureAwait(false); // <stream:features/>
        return reader;
    }

    private async Task ReadLoopAsync(StanzaReader reader)
    {
        while ((await reader.ReadAsync().ConfigureAwait(false)).Element is { } stanza)
        {
            if (stanza.Name.LocalName == "iq" && (string?)stanza.Attribute("id") is { } id && _pending.TryRemove(id, out var answer))
            {
                answer.TrySetResult(stanza);
            }
        }
    }
}
