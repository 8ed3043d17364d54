using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// One client connection, unchanged except its handshake, where the embedded broker does two things MQTTnet's server
/// has no setting for. A CONNECT without a client id and with a clean session gets <c>auto-&lt;guid&gt;</c> (MQTT 3.1.1
/// §3.1.3.1; MQTT 5 clients are given one by the broker's own CONNACK). An MQTT 5 CONNACK advertises the Maximum Packet
/// Size that <see cref="MqttPacketSizeGuard"/> enforces (MQTT 5 §3.2.2.3.6), so that a conforming client refuses an
/// oversized message itself instead of losing its connection over it.
/// Used by one connection's receive and send loops, which touch different fields.
/// </summary>
internal sealed class ConnectionHandshakeChannel(IMqttChannelAdapter inner, int maxPacketBytes) : IMqttChannelAdapter
{
    private bool _connected;

    public long BytesReceived => inner.BytesReceived;

    public long BytesSent => inner.BytesSent;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        var packet = await inner.ReceivePacketAsync(cancellationToken);
        if (!_connected && packet is MqttConnectPacket connect)
        {
            _connected = true;
            if (string.IsNullOrEmpty(connect.ClientId) && connect.CleanSession && inner.PacketFormatterAdapter.ProtocolVersion != MqttProtocolVersion.V500)
            {
                connect.ClientId = "auto-" + Guid.NewGuid().ToString("N");
            }
        }

        return packet;
    }

    public void ResetStatistics() => inner.ResetStatistics();

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (packet is MqttConnAckPacket connAck && inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500)
        {
            connAck.MaximumPacketSize = (uint)maxPacketBytes;
        }

        return inner.SendPacketAsync(packet, cancellationToken);
    }

    public void Dispose() => inner.Dispose();
}
