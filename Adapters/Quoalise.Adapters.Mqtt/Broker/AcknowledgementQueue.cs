using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Quoalise.Adapters.Mqtt.Ingest;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// One connection's messages, processed concurrently and acknowledged strictly in arrival order (MQTT-4.6.0-2), each
/// only once its handling committed. When a message cannot be stored the queue ends without acknowledging it or
/// anything after it: the caller reconnects and the broker delivers them again (the delivery journal makes that
/// harmless). Thread-safe: the client's receive loop writes, one loop acknowledges.
/// </summary>
/// <remarks>
/// At most <c>receiveMaximum</c> messages are handled at once, the number the component's CONNECT allows the broker to
/// have unacknowledged (MQTT 5 Receive Maximum). A broker that sends more breaks MQTT-3.3.4-9; Mosquitto 2.0.11 does
/// so once messages queue up for the component: in a load run it had 265,000 out at once, and the component grew past
/// 600 MiB (docs/mqtt.md, "Brokers"). Disconnecting with reason 0x93, as the specification suggests, would not help:
/// such a broker sends its whole backlog again on reconnection. Extra messages instead wait in the client's receive
/// queue until acknowledgements make room, before any copy or handling is made of them.
/// </remarks>
internal sealed class AcknowledgementQueue(
    Func<MqttDelivery, CancellationToken, Task<IngestOutcome>> handle,
    string session,
    int receiveMaximum,
    ILogger logger,
    CancellationToken connectionToken)
{
    private readonly Channel<(Task<IngestOutcome> Handling, MqttApplicationMessageReceivedEventArgs Message)> _pending =
        Channel.CreateUnbounded<(Task<IngestOutcome>, MqttApplicationMessageReceivedEventArgs)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly SemaphoreSlim _room = new(receiveMaximum, receiveMaximum);
    private bool _exceededReported;

    /// <summary>Takes a received message: manual acknowledgement, handling started once there is room for it.</summary>
    public async Task ReceiveAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        if (!_room.Wait(0))
        {
            if (!_exceededReported)
            {
                _exceededReported = true;
                MqttLog.ReceiveMaximumExceeded(logger, receiveMaximum);
            }

            try
            {
                await _room.WaitAsync(connectionToken);
            }
            catch (OperationCanceledException)
            {
                // The connection ended: not acknowledged, the broker delivers it again.
                return;
            }
        }

        var message = e.ApplicationMessage;

        // MQTTnet reuses its buffers once the handler returns: keep a copy.
        var delivery = new MqttDelivery(message.Topic, message.Payload.ToArray(), session, e.PacketIdentifier, message.Dup);
        var handling = Task.Run(() => handle(delivery, connectionToken), connectionToken);
        if (!_pending.Writer.TryWrite((handling, e)))
        {
            // The connection already ended: not acknowledged, the broker delivers it again.
            _ = handling.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>Acknowledges in order until the connection ends (returns true) or a message must be redelivered (false).</summary>
    public async Task<bool> AcknowledgeAsync()
    {
        try
        {
            await foreach (var (handling, message) in _pending.Reader.ReadAllAsync(connectionToken))
            {
                if (await handling != IngestOutcome.Acknowledge)
                {
                    return false;
                }

                await message.AcknowledgeAsync(connectionToken);
                _room.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended: whatever is left is delivered again on the next one.
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or ObjectDisposedException)
        {
            // The acknowledgement could not be sent: the connection is gone.
        }

        return true;
    }

    /// <summary>No more messages on this connection.</summary>
    public void Complete() => _pending.Writer.TryComplete();
}
