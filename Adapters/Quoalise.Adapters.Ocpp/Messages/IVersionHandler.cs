namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>The messages of one OCPP version a charge point may send us. Thread-safe.</summary>
internal interface IVersionHandler
{
    /// <summary>Whether we handle this action (it is known to the version: the schema set says so).</summary>
    bool Handles(string action);

    /// <summary>
    /// Transaction-related messages (1.6 §3.7: Start/StopTransaction, MeterValues; 2.0.1 TransactionEvent):
    /// never refused for what is wrong in them, since the charge point would retry and then drop them.
    /// </summary>
    bool IsTransactionMessage(string action);

    Task<CallReply> HandleAsync(IncomingCall call, CancellationToken cancellationToken);
}
