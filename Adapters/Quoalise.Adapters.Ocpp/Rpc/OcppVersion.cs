namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>The OCPP-J versions this central system speaks, one per connection, fixed by the subprotocol.</summary>
internal enum OcppVersion
{
    V16,
    V201,
}
