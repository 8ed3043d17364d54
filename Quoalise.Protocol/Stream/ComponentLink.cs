using System.Net.Sockets;
using System.Security.Authentication;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Quoalise.Protocol.Ping;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Stream;

/// <summary>
/// Keeps the component connected for the life of the process: connects, hands stanzas to the
/// dispatcher, pings the server to detect a dead link, reconnects with jittered backoff, and closes
/// the stream on shutdown. Thread-safe: <see cref="SendAsync"/> may be called from any thread while
/// <see cref="RunAsync"/> runs.
/// </summary>
public sealed class ComponentLink : IStanzaSender
{
    // In-flight handlers at most; past that the read loop waits, pushing back on the server over TCP.
    private const int MaxConcurrentStanzas = 64;

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<ComponentConnectionOptions> _options;
    private readonly Func<ComponentConnectionOptions, CancellationToken, Task<ComponentConnection>> _open;
    private readonly Func<StreamErrorException, string> _describeFix;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private TaskCompletionSource<ComponentConnection> _online = NewOnlineSignal();
    private ComponentConnection? _current;

    /// <param name="options">Read at every attempt, so a corrected setting is picked up without a restart.</param>
    /// <param name="describeFix">Names the setting to fix when the server refuses us (the host knows its keys).</param>
    /// <param name="time">Clock for delays.</param>
    /// <param name="logger">Link events.</param>
    public ComponentLink(
        Func<ComponentConnectionOptions> options,
        Func<StreamErrorException, string> describeFix,
        TimeProvider time,
        ILogger<ComponentLink> logger)
        : this(options, describeFix, time, logger, ComponentConnection.OpenAsync)
    {
    }

    /// <summary>With another transport: tests run the link over in-memory streams.</summary>
    internal ComponentLink(
        Func<ComponentConnectionOptions> options,
        Func<StreamErrorException, string> describeFix,
        TimeProvider time,
        ILogger<ComponentLink> logger,
        Func<ComponentConnectionOptions, CancellationToken, Task<ComponentConnection>> open)
    {
        _open = open;
        _options = options;
        _describeFix = describeFix;
        _time = time;
        _logger = logger;
    }

    public ComponentLinkState State { get; private set; } = ComponentLinkState.Disconnected;

    /// <summary>Why the link is not online, for health reports; null while online.</summary>
    public string? LastError { get; private set; }

    /// <summary>Completes each time the link comes online; tests and health checks await it.</summary>
    public Task WhenOnline
    {
        get
        {
            lock (_gate)
            {
                return _online.Task;
            }
        }
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> fires, then closes the stream gracefully.</summary>
    public async Task RunAsync(IStanzaDispatcher dispatcher, IIqRequester requester, CancellationToken stoppingToken)
    {
        var options = _options();
        var backoff = new ReconnectBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay);
        var refusedBackoff = new ReconnectBackoff(options.ConfigurationErrorDelay, options.ConfigurationErrorDelay * 5);
        while (!stoppingToken.IsCancellationRequested)
        {
            options = _options();
            TimeSpan delay;
            try
            {
                State = ComponentLinkState.Connecting;
                _logger.LinkConnecting(options.Host, options.Port, options.Domain);
                var connection = await _open(options, stoppingToken).ConfigureAwait(false);
                refusedBackoff.Reset();
                var onlineSince = _time.GetUtcNow();
                await ServeAsync(connection, options, dispatcher, requester, stoppingToken).ConfigureAwait(false);
                if (_time.GetUtcNow() - onlineSince >= options.StableLinkDuration)
                {
                    backoff.Reset();
                }

                delay = backoff.Next();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (StreamErrorException e) when (e.IsConfigurationError)
            {
                delay = refusedBackoff.Next();
                State = ComponentLinkState.Refused;
                LastError = e.Message;
                // ejabberd sends the condition alone, where Prosody adds a text.
                _logger.LinkConfigurationError(e.Condition, e.Text ?? "no reason given", _describeFix(e), delay);
            }
            catch (Exception e) when (IsLinkFailure(e))
            {
                delay = backoff.Next();
                State = ComponentLinkState.Disconnected;
                LastError = e.Message;
                _logger.LinkLost(e.Message, e is StreamErrorException or SocketException or TimeoutException or EndOfStreamException ? null : e);
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                _logger.LinkRetrying(delay, backoff.Attempt);
                try
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        State = ComponentLinkState.Stopped;
        _logger.LinkClosed();
    }

    /// <inheritdoc />
    public async Task SendAsync(XElement stanza, CancellationToken cancellationToken)
    {
        var connection = _current;
        if (connection is null)
        {
            if (IsReply(stanza))
            {
                throw new LinkUnavailableException("The link is down; the server has already answered the requester.");
            }

            connection = await WaitOnlineAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await connection.SendAsync(stanza, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException || (e is IOException && e is not Xml.StanzaTooLargeException))
        {
            throw new LinkUnavailableException($"The link broke while sending: {e.Message}");
        }
    }

    private async Task ServeAsync(
        ComponentConnection connection,
        ComponentConnectionOptions options,
        IStanzaDispatcher dispatcher,
        IIqRequester requester,
        CancellationToken stoppingToken)
    {
        using var connectionScope = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Not disposed: a handler left behind by DrainAsync may still release it.
        var inFlight = new SemaphoreSlim(MaxConcurrentStanzas, MaxConcurrentStanzas);
        GoOnline(connection);
        _logger.LinkOnline(options.Domain, connection.StreamId);

        // Shutdown: send our close tag, then give the server a moment to answer with its own.
        await using var closeOnStop = stoppingToken.Register(() => _ = CloseAsync(connection)).ConfigureAwait(false);
        var keepAlive = KeepAliveAsync(connection, options, requester, connectionScope.Token);
        try
        {
            while (true)
            {
                var incoming = await connection.ReadAsync().ConfigureAwait(false);
                if (incoming.IsEnd)
                {
                    break;
                }

                await inFlight.WaitAsync(stoppingToken).ConfigureAwait(false);
                _ = HandleAsync(incoming, dispatcher, inFlight, connectionScope.Token);
            }

            await connection.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (stoppingToken.IsCancellationRequested && e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The stream was closed under the read loop because we are stopping.
        }
        catch (Exception e) when (e is XmlException || (e is StreamErrorException { FromPeer: false }))
        {
            // The server broke XML or RFC 6120 §11: say why, then reconnect afresh.
            var condition = e is StreamErrorException s ? s.Condition : StreamErrorCondition.NotWellFormed;
            _logger.LinkProtocolViolation(condition, e.Message);
            await TryFailAsync(connection, condition, e.Message).ConfigureAwait(false);
            throw;
        }
        finally
        {
            GoOffline(dispatcher, new LinkUnavailableException("The component link went down before an answer came."));
            await connectionScope.CancelAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
            await DrainAsync(inFlight).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(IncomingStanza incoming, IStanzaDispatcher dispatcher, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            if (incoming.SkipReason is { } reason)
            {
                await dispatcher.RejectSkippedAsync(incoming.Element!, reason, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await dispatcher.DispatchAsync(incoming.Element!, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The link is going down; the requester will be answered by the server.
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task KeepAliveAsync(ComponentConnection connection, ComponentConnectionOptions options, IIqRequester requester, CancellationToken cancellationToken)
    {
        var server = Jid.Parse(options.ServerDomain);
        try
        {
            while (true)
            {
                await Task.Delay(options.KeepAliveInterval, _time, cancellationToken).ConfigureAwait(false);
                try
                {
                    await requester.RequestAsync(server, IqType.Get, new XElement(Xep0199.PingElement), options.KeepAliveTimeout, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (IqErrorException)
                {
                    // Any answer, even an error, proves the link carries stanzas both ways.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended or we are stopping.
        }
        catch (Exception e) when (e is TimeoutException or LinkUnavailableException)
        {
            _logger.LinkKeepAliveFailed(options.ServerDomain, e);

            // Closing the socket makes the read loop fail, and RunAsync reconnect.
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CloseAsync(ComponentConnection connection)
    {
        await TryFailAsync(connection, condition: null, text: null).ConfigureAwait(false);
        await Task.Delay(CloseGrace, _time).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task TryFailAsync(ComponentConnection connection, string? condition, string? text)
    {
        try
        {
            if (condition is null)
            {
                await connection.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await connection.FailAsync(condition, text ?? string.Empty, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nothing to tell a peer that is already gone.
        }
    }

    // Handlers were cancelled; give them a moment to answer before the next connection starts. One
    // that ignores cancellation is left behind rather than blocking reconnection.
    private static async Task DrainAsync(SemaphoreSlim inFlight)
    {
        for (var i = 0; i < MaxConcurrentStanzas; i++)
        {
            if (!await inFlight.WaitAsync(DrainTimeout).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private void GoOnline(ComponentConnection connection)
    {
        lock (_gate)
        {
            _current = connection;
            State = ComponentLinkState.Online;
            LastError = null;
            _online.TrySetResult(connection);
        }
    }

    private void GoOffline(IStanzaDispatcher dispatcher, Exception reason)
    {
        lock (_gate)
        {
            _current = null;
            if (State == ComponentLinkState.Online)
            {
                State = ComponentLinkState.Disconnected;
            }

            if (_online.Task.IsCompleted)
            {
                _online = NewOnlineSignal();
            }
        }

        dispatcher.OnLinkDown(reason);
    }

    private async Task<ComponentConnection> WaitOnlineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await WhenOnlineConnection().WaitAsync(_options().OutboundWaitTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new LinkUnavailableException($"The component link has been down for over {_options().OutboundWaitTimeout.TotalSeconds} s.");
        }
    }

    private Task<ComponentConnection> WhenOnlineConnection()
    {
        lock (_gate)
        {
            return _online.Task;
        }
    }

    private static bool IsReply(XElement stanza) =>
        stanza.Name == XmppNames.Iq && Stanza.ParseIqType((string?)stanza.Attribute("type")) is IqType.Result or IqType.Error;

    private static bool IsLinkFailure(Exception e) =>
        e is IOException or SocketException or TimeoutException or StreamErrorException or XmlException
            or AuthenticationException or ObjectDisposedException or OperationCanceledException;

    private static TaskCompletionSource<ComponentConnection> NewOnlineSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
