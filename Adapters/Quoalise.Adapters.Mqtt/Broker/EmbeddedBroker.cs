using System.Buffers;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// <c>Mqtt:Mode=embedded</c>: an MQTTnet broker in the component. Messages are consumed inside the broker, in its
/// publish interceptor: no loopback client, no queue. MQTTnet awaits the interceptor before it enqueues the PUBACK
/// (<c>MqttConnectedClient.HandleIncomingPublishPacket</c>), so the device is acknowledged only after commit; a
/// message that could not be stored closes the connection instead, and the device sends it again.
/// Other topics are routed to subscribers as by any broker.
/// </summary>
internal sealed class EmbeddedBroker(
    IngestPipeline pipeline,
    BedDirectory beds,
    IngestErrorJournal errors,
    MqttOptions options,
    TimeProvider time,
    ILogger<EmbeddedBroker> logger) : BackgroundService
{
    // The packet id of the PUBLISH being handled, which the publish interceptor does not see: set by the inbound
    // packet interceptor on the same client loop, just before.
    private const string PacketIdItem = "quoalise.mqtt.packet-id";

    private MqttServer? _server;

    /// <summary>Completes when the broker listens (tests and the load tool wait for it).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_server is { } server)
        {
            await server.StopAsync();
            server.Dispose();
            _server = null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartServerAsync(stoppingToken);
        }
        catch (Exception e)
        {
            _listening.TrySetException(e);
            throw;
        }
    }

    private async Task StartServerAsync(CancellationToken stoppingToken)
    {
        // Series of known beds registered before any device can publish.
        await beds.InitializeAsync(stoppingToken);

        var embedded = options.Embedded;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(embedded.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropNewMessage)
            .Build();
        var listener = new EmbeddedTcpListener(new IPEndPoint(IPAddress.Parse(embedded.Host), embedded.Port), options.MaxPacketBytes, logger);
        var server = new MqttServerFactory().CreateMqttServer(serverOptions, [listener]);
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingInboundPacketAsync += RememberPacketIdAsync;
        server.InterceptingPublishAsync += ConsumeAsync;
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        server.ApplicationMessageEnqueuedOrDroppedAsync += OnEnqueuedOrDroppedAsync;
        try
        {
            await server.StartAsync();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            server.Dispose();
            MqttLog.EmbeddedBrokerFailed(logger, e, embedded.Host, embedded.Port);
            throw;
        }

        _server = server;
        MqttLog.EmbeddedBrokerListening(logger, embedded.Host, embedded.Port);
        _listening.TrySetResult();
    }

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (!string.IsNullOrEmpty(e.ClientId))
        {
            return Task.CompletedTask;
        }

        if (e.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500)
        {
            // MQTT 5 §3.1.3.1: the server assigns an id and tells the client in CONNACK.
            e.AssignedClientIdentifier = "auto-" + Guid.NewGuid().ToString("N");
        }
        else
        {
            // MQTT 3.1.1 §3.1.3.1: an empty id with a persistent session is refused (clean sessions got one already).
            MqttLog.ClientIdRequired(logger, e.RemoteEndPoint?.ToString() ?? "?");
        }

        return Task.CompletedTask;
    }

    private static Task RememberPacketIdAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttPublishPacket publish)
        {
            e.SessionItems[PacketIdItem] = (int)publish.PacketIdentifier;
        }

        return Task.CompletedTask;
    }

    private async Task ConsumeAsync(InterceptingPublishEventArgs e)
    {
        var message = e.ApplicationMessage;
        var packetId = 0;
        if (e.SessionItems[PacketIdItem] is int id)
        {
            packetId = message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce ? 0 : id;
            e.SessionItems.Remove(PacketIdItem);
        }

        var payload = message.Payload.IsSingleSegment ? message.Payload.First : message.Payload.ToArray();
        var delivery = new MqttDelivery(message.Topic, payload, e.ClientId, packetId, message.Dup);
        IngestOutcome outcome;
        try
        {
            outcome = await pipeline.HandleAsync(delivery, e.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The device left, or the component is stopping: no PUBACK, the device sends it again.
            outcome = IngestOutcome.Redeliver;
        }

        if (outcome == IngestOutcome.Redeliver)
        {
            // MQTT 3.1.1 PUBACKs have no reason code: closing the connection is the only way not to acknowledge.
            e.ProcessPublish = false;
            e.CloseConnection = true;
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
        }
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType == MqttClientDisconnectType.NotClean)
        {
            errors.RecordInBackground(IngestError.Create(
                IngestErrorType.MqttDisconnect,
                e.ClientId,
                [],
                $"Client '{e.ClientId}' ({e.RemoteEndPoint}) disconnected without DISCONNECT; its Last Will, if any, was published.",
                time.GetUtcNow()));
        }

        return Task.CompletedTask;
    }

    private Task OnEnqueuedOrDroppedAsync(ApplicationMessageEnqueuedEventArgs e)
    {
        if (e.IsDropped)
        {
            MqttLog.SubscriberMessageDropped(logger, e.ReceiverClientId, e.ApplicationMessage.Topic, options.Embedded.MaxPendingMessagesPerClient);
        }

        return Task.CompletedTask;
    }
}
