namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>The first element of every OCPP-J frame (OCPP-J 1.6 §4.1.3).</summary>
internal enum MessageTypeId
{
    Call = 2,
    CallResult = 3,
    CallError = 4,
}
