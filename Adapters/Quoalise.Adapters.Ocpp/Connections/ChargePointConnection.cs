using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>
/// One charge point's WebSocket: reads frames one at a time (so a charge point's messages are processed in
/// the order sent), answers its CALLs through the dispatcher, matches answers to our own calls (see
/// <c>ChargePointConnection.Calls.cs</c>), and survives every bad frame: only a close, a socket error, an
/// over-sized message or its replacement ends it. Sends are serialised; <see cref="CallAsync"/> may be
/// called from any thread.
/// </summary>
internal sealed partial class ChargePointConnection
{
    private const int MaxKnownTransactions = 64;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly ICallDispatcher _dispatcher;
    private readonly ConnectionSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly HashSet<long> _knownTransactions = [];
    private long _lastSeenTicks;
    private volatile bool _accepted;

    public ChargePointConnection(
        string chargePointId,
        OcppVersion version,
        bool accepted,
        WebSocket socket,
        ICallDispatcher dispatcher,
        ConnectionSettings settings,
        TimeProvider time,
        ILogger logger)
    {
        ChargePointId = chargePointId;
        Version = version;
        _accepted = accepted;
        _socket = socket;
        _dispatcher = dispatcher;
        _settings = settings;
        _time = time;
        _logger = logger;
        ConnectedAt = time.GetUtcNow();
        _lastSeenTicks = ConnectedAt.UtcTicks;
    }

    public string ChargePointId { get; }

    public OcppVersion Version { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Last frame received: any message is a sign of life (OCPP-J 1.6 §4.6).</summary>
    public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

    /// <summary>The charge point's last BootNotification was Accepted: it may send other messages.</summary>
    public bool IsAccepted
    {
        get => _accepted;
        set => _accepted = value;
    }

    /// <summary>Whether this charge point's transaction <paramref name="id"/> is known to exist (transactions are never deleted).</summary>
    public bool KnowsTransaction(long id)
    {
        lock (_knownTransactions)
        {
            return _knownTransactions.Contains(id);
        }
    }

    /// <summary>Remembers a transaction of this charge point, sparing a database read per MeterValues.</summary>
    public void RememberTransaction(long id)
    {
        lock (_knownTransactions)
        {
            // A charger runs a handful of sessions at once: older ones are looked up again if ever named.
            if (_knownTransactions.Count >= MaxKnownTransactions)
            {
                _knownTransactions.Clear();
            }

            _knownTransactions.Add(id);
        }
    }

    /// <summary>Reads and answers until the socket closes. Never throws for what the charge point sends.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closed.Token);
        var gate = new MessageRateGate(_settings.MessagesPerSecond, _settings.MessageBurst, _time);
        var buffer = new ArrayBufferWriter<byte>(4096);
        var throttled = false;
        try
        {
            while (!linked.IsCancellationRequested)
            {
                buffer.ResetWrittenCount();
                var kind = await ReceiveAsync(buffer, linked.Token);
                if (kind == WebSocketMessageType.Close)
                {
                    break;
                }

                Interlocked.Exchange(ref _lastSeenTicks, _time.GetUtcNow().UtcTicks);
                var wait = gate.Take();
                if (wait > TimeSpan.Zero)
                {
                    if (!throttled)
                    {
                        OcppLog.Throttled(_logger, ChargePointId, _settings.MessagesPerSecond);
                        throttled = true;
                    }

                    await Task.Delay(wait, _time, linked.Token);
                }

                await HandleMessageAsync(buffer.WrittenMemory, linked.Token);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Replaced, closed by us, or the host is stopping.
        }
        catch (MessageTooLargeException e)
        {
            OcppLog.MessageTooLarge(_logger, ChargePointId, _settings.MaxMessageBytes);
            await CloseAsync(WebSocketCloseStatus.MessageTooBig, e.Message);
        }
        catch (WebSocketException e)
        {
            OcppLog.SocketFailed(_logger, ChargePointId, e.Message);
        }
        finally
        {
            FailPendingCall();
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await CloseAsync(stopping.IsCancellationRequested ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure, "closing");
            }
        }
    }

    /// <summary>Closes the socket politely, and for good if the charge point does not complete the close in time.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(status, reason, timeout.Token);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
        finally
        {
            _closed.CancelAfter(CloseHandshakeTimeout);
        }
    }

    internal async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            OcppLog.FrameOut(_logger, ChargePointId, Encoding.UTF8.GetString(frame));
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<WebSocketMessageType> ReceiveAsync(ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (buffer.WrittenCount >= _settings.MaxMessageBytes)
            {
                throw new MessageTooLargeException($"Messages are limited to {_settings.MaxMessageBytes} bytes.");
            }

            var memory = buffer.GetMemory(Math.Min(16 * 1024, _settings.MaxMessageBytes - buffer.WrittenCount + 1));
            var result = await _socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return WebSocketMessageType.Close;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > _settings.MaxMessageBytes)
            {
                throw new MessageTooLargeException($"Messages are limited to {_settings.MaxMessageBytes} bytes.");
            }

            if (result.EndOfMessage)
            {
                return result.MessageType;
            }
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            OcppLog.FrameIn(_logger, ChargePointId, Encoding.UTF8.GetString(message.Span));
        }

        var parsed = RpcFrameReader.Read(message, out var document);
        using (document)
        {
            switch (parsed.Frame)
            {
                case CallFrame call:
                    await AnswerAsync(call, cancellationToken);
                    break;
                case CallResultFrame result:
                    CompleteCall(result.MessageId, CallOutcome.Result(result.Payload.Clone()));
                    break;
                case CallErrorFrame error:
                    CompleteCall(error.MessageId, CallOutcome.Failed(new OcppError(error.ErrorCode, error.Description)));
                    break;
                default:
                    await RefuseAsync(parsed, cancellationToken);
                    break;
            }
        }
    }

    private async Task AnswerAsync(CallFrame call, CancellationToken cancellationToken)
    {
        CallReply reply;
        try
        {
            reply = await _dispatcher.DispatchAsync(this, call, _time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The charge point retries an unanswered or refused message later: nothing is acknowledged unstored.
            OcppLog.CallFailed(_logger, ChargePointId, call.Action, call.MessageId, e);
            reply = CallReply.Fail(OcppErrors.Internal(Version, call.Action));
        }

        await SendAsync(
            reply.Error is { } error ? RpcFrameWriter.CallError(call.MessageId, error) : RpcFrameWriter.CallResult(call.MessageId, reply.Result!),
            cancellationToken);
    }

    // Research §1.3: 1.6 ignores an unknown MessageTypeId, 2.0.1 answers it; never answer a broken answer.
    private async Task RefuseAsync(RpcParseResult parsed, CancellationToken cancellationToken)
    {
        OcppLog.BadFrame(_logger, ChargePointId, parsed.Problem!);
        if (parsed.IsAnswer)
        {
            CompleteCall(parsed.MessageId!, CallOutcome.Failed(OcppErrors.BadFrame(Version, parsed.Problem!)));
            return;
        }

        if (parsed.UnknownMessageType && Version == OcppVersion.V16)
        {
            return;
        }

        var error = parsed.UnknownMessageType ? OcppErrors.UnknownMessageType(parsed.Problem!) : OcppErrors.BadFrame(Version, parsed.Problem!);
        await SendAsync(RpcFrameWriter.CallError(parsed.MessageId ?? "-1", error), cancellationToken);
    }

    private sealed class MessageTooLargeException(string message) : Exception(message);
}
