using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// One client connection, unchanged except for three things MQTTnet's server has no setting for. A CONNECT without a
/// client id and with a clean session gets <c>auto-&lt;guid&gt;</c> (MQTT 3.1.1 §3.1.3.1; MQTT 5 clients are given one
/// by the broker's own CONNACK). An MQTT 5 CONNACK advertises the Maximum Packet Size that
/// <see cref="MqttPacketSizeGuard"/> enforces (MQTT 5 §3.2.2.3.6), so that a conforming client refuses an oversized
/// message itself instead of losing its connection over it. An MQTT 5 client that sends such a packet anyway is told
/// why its connection closes (DISCONNECT 0x95). Used by one connection's receive and send loops, which touch different
/// fields.
/// </summary>
internal sealed class ConnectionHandshakeChannel(IMqttChannelAdapter inner, int maxPacketBytes) : IMqttChannelAdapter
{
    private static readonly TimeSpan FarewellTimeout = TimeSpan.FromSeconds(1);

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
        MqttPacket packet;
        try
        {
            packet = await inner.ReceivePacketAsync(cancellationToken);
        }
        catch (Exception e) when (_connected && IsVersion5 && IsPacketTooLarge(e))
        {
            await TellPacketTooLargeAsync();
            throw;
        }

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
        if (packet is MqttConnAckPacket connAck && IsVersion5)
        {
            connAck.MaximumPacketSize = (uint)maxPacketBytes;
        }

        return inner.SendPacketAsync(packet, cancellationToken);
    }

    public void Dispose() => inner.Dispose();

    /// <summary>
    /// The guard's refusal, as thrown or wrapped: when the packet was already buffered, MQTTnet's adapter reads it
    /// synchronously and takes the result of a faulted task, so the refusal arrives inside an
    /// <see cref="AggregateException"/> inside an <see cref="MqttCommunicationException"/>.
    /// </summary>
    private static bool IsPacketTooLarge(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MqttPacketTooLargeException)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsVersion5 => inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500;

    /// <summary>
    /// MQTT 5 §3.2.2.3.6: a packet over the Maximum Packet Size the CONNACK announced is answered with DISCONNECT 0x95
    /// (Packet too large) before the connection closes, so that the client knows why. MQTTnet itself closes without a
    /// word on any protocol violation. MQTT 3.1.1 has no DISCONNECT from the server: the connection just closes.
    /// </summary>
    private async Task TellPacketTooLargeAsync()
    {
        // The client may have stopped reading: the connection is closing anyway, so the farewell gets a short wait only.
        using var timeout = new CancellationTokenSource(FarewellTimeout);
        try
        {
            await inner.SendPacketAsync(
                new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.PacketTooLarge, ReasonString = $"Packets are limited to {maxPacketBytes} bytes (Mqtt:MaxPacketBytes)." },
                timeout.Token);
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Gone already: nothing more to tell.
        }
    }
}
