using System.Globalization;

namespace Quoalise.Testing.Xmpp;

/// <summary>
/// An independent XEP-0114 component (slixmpp's ComponentXMPP, <c>tests/servers/slixmpp/reference_component.py</c>):
/// checks a server's component setup without Quoalise, and answers disco#info, ping, version and an "echo" ad-hoc
/// command as a reference to compare Quoalise with. Thread-safe: events may be awaited from any thread.
/// </summary>
public sealed class SlixmppComponent : IAsyncDisposable
{
    private static readonly TimeSpan DefaultEventTimeout = TimeSpan.FromSeconds(20);

    private readonly SlixmppProcess _process;

    private SlixmppComponent(SlixmppProcess process, string domain)
    {
        _process = process;
        Domain = domain;
    }

    public string Domain { get; }

    /// <summary>The script's stderr: slixmpp warnings and Python tracebacks.</summary>
    public string Diagnostics => _process.Diagnostics;

    /// <summary>
    /// Starts connecting without waiting. With <paramref name="reconnect"/>, it comes back after losing the server, as a
    /// real component would (slixmpp's backoff: 1, 3, 7 s…), except after not-authorized or host-unknown.
    /// </summary>
    public static SlixmppComponent Start(string domain, string secret, int port, bool reconnect = true, string host = "127.0.0.1")
    {
        string[] arguments = [domain, secret, "--port", port.ToString(CultureInfo.InvariantCulture), "--host", host];
        return new SlixmppComponent(
            SlixmppProcess.Start("reference_component.py", reconnect ? [.. arguments, "--reconnect"] : arguments), domain);
    }

    /// <summary>Starts and waits until the server accepted the handshake.</summary>
    public static async Task<SlixmppComponent> ConnectAsync(
        string domain, string secret, int port, bool reconnect = true, string host = "127.0.0.1", CancellationToken cancellationToken = default)
    {
        var component = Start(domain, secret, port, reconnect, host);
        try
        {
            await component.WaitForSessionAsync(1, cancellationToken: cancellationToken).ConfigureAwait(false);
            return component;
        }
        catch
        {
            await component.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the handshake has succeeded <paramref name="count"/> times (2 = reconnected once).</summary>
    public Task WaitForSessionAsync(int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _process.WaitForEventAsync("session_start", count, timeout ?? DefaultEventTimeout, cancellationToken);

    /// <summary>Waits until the connection is lost <paramref name="count"/> times.</summary>
    public Task WaitForDisconnectionAsync(int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _process.WaitForEventAsync("disconnected", count, timeout ?? DefaultEventTimeout, cancellationToken);

    /// <summary>Waits for the first stream error from the server and returns its condition (e.g. <c>not-authorized</c>).</summary>
    public async Task<string> WaitForStreamErrorAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var error = await _process.WaitForEventAsync("stream_error", 1, timeout ?? DefaultEventTimeout, cancellationToken)
            .ConfigureAwait(false);
        return error.GetProperty("condition").GetString()!;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
