using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Rpc;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>Answers the CALLs a charge point sends. Thread-safe; each connection calls it for one CALL at a time.</summary>
internal interface ICallDispatcher
{
    Task<CallReply> DispatchAsync(ChargePointConnection connection, CallFrame call, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}
