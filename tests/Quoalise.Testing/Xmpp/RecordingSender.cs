using System.Threading.Channels;
using System.Xml.Linq;
using Quoalise.Protocol.Routing;

namespace Quoalise.Testing.Xmpp;

/// <summary>An <see cref="IStanzaSender"/> that keeps what it is given, for transcript tests. Thread-safe.</summary>
public sealed class RecordingSender : IStanzaSender
{
    private readonly Channel<XElement> _sent = Channel.CreateUnbounded<XElement>();

    public Task SendAsync(XElement stanza, CancellationToken cancellationToken)
    {
        _sent.Writer.TryWrite(stanza);
        return Task.CompletedTask;
    }

    /// <summary>The next stanza sent, or a timeout failure.</summary>
    public async Task<XElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        return await _sent.Reader.ReadAsync(cts.Token);
    }

    /// <summary>True if nothing was sent (used to prove that errors are never answered).</summary>
    public bool IsEmpty => !_sent.Reader.TryPeek(out _);
}
