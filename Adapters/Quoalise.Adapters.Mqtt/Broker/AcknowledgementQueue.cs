using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using Quoalise.Adapters.Mqtt.Ingest;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// One connection's messages, processed concurrently and acknowledged strictly in arrival order (MQTT-4.6.0-2), each
/// only once its handling committed. The broker's receive maximum bounds how many wait here. When a message cannot
/// be stored the queue ends without acknowledging it or anything after it: the caller reconnects and the broker
/// delivers them again (the delivery journal makes that harmless). Thread-safe: the client's receive loop writes,
/// one loop acknowledges.
/// </summary>
internal sealed class AcknowledgementQueue(IngestPipeline pipeline, string session, CancellationToken connectionToken)
{
    private readonly Channel<(Task<IngestOutcome> Handling, MqttApplicationMessageReceivedEventArgs Message)> _pending =
        Channel.CreateUnbounded<(Task<IngestOutcome>, MqttApplicationMessageReceivedEventArgs)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Takes a received message: manual acknowledgement, handling started now.</summary>
    public Task ReceiveAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        var message = e.ApplicationMessage;

        // MQTTnet reuses its buffers once the handler returns: keep a copy.
        var delivery = new MqttDelivery(message.Topic, message.Payload.ToArray(), session, e.PacketIdentifier, message.Dup);
        var handling = Task.Run(() => pipeline.HandleAsync(delivery, connectionToken), connectionToken);
        if (!_pending.Writer.TryWrite((handling, e)))
        {
            // The connection already ended: not acknowledged, the broker delivers it again.
            _ = handling.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return Task.CompletedTask;
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
