using System.Collections.Concurrent;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>
/// The open connection of each charge point. A new connection for an id replaces the old one, which is
/// closed: a charger only reconnects when it believes its old socket dead (research §1.6; SteVe keeps
/// both, OCPP.Core and CitrineOS refuse the new one). Thread-safe.
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, ChargePointConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public IEnumerable<ChargePointConnection> All => _connections.Values;

    /// <returns>The connection it replaced, if any; the caller closes it.</returns>
    public ChargePointConnection? Add(ChargePointConnection connection)
    {
        ChargePointConnection? replaced = null;
        _connections.AddOrUpdate(connection.ChargePointId, connection, (_, old) =>
        {
            replaced = old;
            return connection;
        });
        return replaced;
    }

    /// <summary>Removes the connection only if it is still the current one (a replaced one leaves its successor alone).</summary>
    public void Remove(ChargePointConnection connection) =>
        _connections.TryRemove(new KeyValuePair<string, ChargePointConnection>(connection.ChargePointId, connection));

    public ChargePointConnection? Find(string chargePointId) => _connections.GetValueOrDefault(chargePointId);
}
