using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// The embedded broker's TCP listener, in place of MQTTnet's own, for two reasons. Each connection reads through a
/// <see cref="MqttConnectionStream"/>: MQTTnet reads a packet's fixed header and its body in two calls, and receive calls
/// were a sixth of the component's CPU under MQTT load (docs/BENCHMARKS.md, MQTT). And each connection is seen through a
/// <see cref="ConnectionHandshakeChannel"/>, so that MQTT 3.1.1 clients without a client id are served and MQTT 5 clients
/// learn the largest packet they may send. The stream also enforces <c>Mqtt:MaxPacketBytes</c>, which
/// MQTTnet's own listener has no setting for.
/// </summary>
internal sealed class EmbeddedTcpListener(IPEndPoint endPoint, int maxPacketBytes, ILogger logger) : IMqttServerAdapter
{
    // A greenhouse message with its header is about 120 bytes; one block holds a burst of them.
    private const int ReadAheadBytes = 4096;

    private Socket? _socket;
    private CancellationTokenSource? _stopping;

    public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; } = _ => Task.CompletedTask;

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        if (_socket is not null)
        {
            throw new InvalidOperationException("The listener is already started.");
        }

        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(options.DefaultEndpointOptions.ConnectionBacklog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _stopping = new CancellationTokenSource();
        _ = AcceptAsync(socket, options, mqttLogger, _stopping.Token);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Stop();
        _stopping?.Dispose();
    }

    // Connections already accepted stay with MQTTnet, which closes them as it stops.
    private void Stop()
    {
        _stopping?.Cancel();
        _socket?.Dispose();
    }

    private async Task AcceptAsync(Socket listener, MqttServerOptions options, IMqttNetLogger mqttLogger, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors, or a connection reset before it was accepted: the listener itself is fine.
                MqttLog.AcceptFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                continue;
            }

            _ = ServeAsync(client, options, mqttLogger);
        }
    }

    private async Task ServeAsync(Socket client, MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        // The peer's address, for the logs; reading it fails once the peer is gone.
        var peer = "?";
        try
        {
            var remote = client.RemoteEndPoint;
            peer = remote?.ToString() ?? peer;
            client.NoDelay = true;
            var stream = new MqttConnectionStream(new NetworkStream(client, ownsSocket: true), ReadAheadBytes, new MqttPacketSizeGuard(maxPacketBytes, peer, logger));
            var channel = new MqttTcpChannel(stream, client.LocalEndPoint, remote, clientCertificate: null);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, mqttLogger);
            adapter.AllowPacketFragmentation = options.DefaultEndpointOptions.AllowPacketFragmentation;
            await ClientHandler(new ConnectionHandshakeChannel(adapter, maxPacketBytes));
        }
        catch (Exception e)
        {
            // One connection's failure ends that connection only.
            MqttLog.ConnectionFailed(logger, e, peer);
        }
        finally
        {
            client.Dispose();
        }
    }
}
