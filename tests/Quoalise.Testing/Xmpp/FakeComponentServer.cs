using System.Text;
using System.Xml.Linq;
using Quoalise.Protocol.Stream;

namespace Quoalise.Testing.Xmpp;

/// <summary>
/// The server side of an XEP-0114 stream, scripted by a test (after biboumi's end-to-end tests): it
/// accepts or refuses the handshake, sends raw XML, and hands back each stanza the component sends.
/// Works over any byte stream: an in-memory pipe in unit tests, a socket in integration tests.
/// Not thread-safe: one test drives it.
/// </summary>
public sealed class FakeComponentServer : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly StanzaReader _reader;

    public FakeComponentServer(Stream stream, int maxStanzaBytes = 1024 * 1024)
    {
        _stream = stream;
        _reader = new StanzaReader(stream, maxStanzaBytes, maxDepth: 64);
    }

    /// <summary>Reads the component's header and answers with our own, carrying <paramref name="streamId"/>.</summary>
    public async Task<StreamHeader> OpenAsync(string streamId, string domain)
    {
        var header = await _reader.ReadHeaderAsync();
        await SendAsync($"<?xml version='1.0'?><stream:stream xml:lang='en' from='{domain}' xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' id='{streamId}'>");
        return header;
    }

    /// <summary>Plays a whole successful handshake; fails if the digest is not the one <paramref name="secret"/> gives.</summary>
    public async Task AcceptAsync(string domain, string secret, string streamId = "3BF96D32")
    {
        await OpenAsync(streamId, domain);
        var handshake = await ReceiveAsync(TimeSpan.FromSeconds(10));
        var expected = Xep0114.HandshakeDigest(streamId, secret);
        if (handshake.Value != expected)
        {
            throw new InvalidOperationException($"The component sent handshake '{handshake.Value}', expected '{expected}'.");
        }

        await SendAsync("<handshake/>");
    }

    /// <summary>Ends the stream with a stream error, as Prosody does for a wrong secret or an unknown domain.</summary>
    public async Task RefuseAsync(string condition, string text) =>
        await SendAsync($"<stream:error><{condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>{text}</text></stream:error></stream:stream>");

    public async Task SendAsync(string xml)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(xml));
        await _stream.FlushAsync();
    }

    /// <summary>The next stanza the component sent.</summary>
    public async Task<XElement> ReceiveAsync(TimeSpan timeout)
    {
        var incoming = await _reader.ReadAsync().WaitAsync(timeout);
        return incoming.Element ?? throw new EndOfStreamException("The component closed its stream.");
    }

    /// <summary>True once the component has sent <c>&lt;/stream:stream&gt;</c>.</summary>
    public async Task<bool> ReceivesCloseAsync(TimeSpan timeout)
    {
        try
        {
            var incoming = await _reader.ReadAsync().WaitAsync(timeout);
            return incoming.IsEnd;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
    }
}
