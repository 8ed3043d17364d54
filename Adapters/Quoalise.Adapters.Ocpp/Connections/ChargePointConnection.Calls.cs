using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>
/// Calls from the central system: at most one outstanding per connection (OCPP-J §4.1.1; queued behind
/// it up to <see cref="ConnectionSettings.MaxQueuedCalls"/>), each bounded by the call timeout and matched
/// to its answer by message id. CALLs crossing ours from the charge point are answered meanwhile.
/// </summary>
internal sealed partial class ChargePointConnection
{
    private readonly SemaphoreSlim _callSlot = new(1, 1);
    private readonly Lock _pendingLock = new();
    private PendingCall? _pending;
    private int _waiting;

    /// <summary>Sends a CALL and waits for its answer. Never throws for the charge point's behaviour.</summary>
    public async Task<CallOutcome> CallAsync(string action, JsonObject payload, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > _settings.MaxQueuedCalls + 1)
        {
            Interlocked.Decrement(ref _waiting);
            return CallOutcome.Busy;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        timeout.CancelAfter(_settings.CallTimeout);
        try
        {
            await _callSlot.WaitAsync(timeout.Token);
            try
            {
                var call = new PendingCall(Guid.NewGuid().ToString("D"), action, new TaskCompletionSource<CallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
                lock (_pendingLock)
                {
                    _pending = call;
                }

                await SendAsync(RpcFrameWriter.Call(call.MessageId, action, payload), timeout.Token);
                return await call.Answer.Task.WaitAsync(timeout.Token);
            }
            finally
            {
                lock (_pendingLock)
                {
                    _pending = null;
                }

                _callSlot.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return _closed.IsCancellationRequested ? CallOutcome.Offline : CallOutcome.Timeout;
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            return CallOutcome.Offline;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    // An answer to no call of ours (late, after a timeout, or invented) is only logged.
    private void CompleteCall(string messageId, CallOutcome outcome)
    {
        PendingCall? call;
        lock (_pendingLock)
        {
            call = _pending?.MessageId == messageId ? _pending : null;
        }

        if (call is null)
        {
            OcppLog.UnexpectedAnswer(_logger, ChargePointId, messageId);
            return;
        }

        call.Answer.TrySetResult(outcome);
    }

    private void FailPendingCall()
    {
        _closed.Cancel();
        lock (_pendingLock)
        {
            _pending?.Answer.TrySetResult(CallOutcome.Offline);
        }
    }

    private sealed record PendingCall(string MessageId, string Action, TaskCompletionSource<CallOutcome> Answer);
}
