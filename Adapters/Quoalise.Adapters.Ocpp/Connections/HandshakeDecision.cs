using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>Whether an upgrade request may become a connection: the charge point, or the HTTP status and why not.</summary>
internal sealed record HandshakeDecision(ChargePointRow? ChargePoint, int StatusCode, string Reason)
{
    public static HandshakeDecision Allow(ChargePointRow chargePoint) => new(chargePoint, 101, "accepted");

    public static HandshakeDecision Refuse(int statusCode, string reason) => new(null, statusCode, reason);
}
