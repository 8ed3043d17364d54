using System.Text;
using FluentAssertions;
using Microsoft.Extensions.Logging.Testing;
using MQTTnet;
using MQTTnet.Packets;
using Quoalise.Adapters.Mqtt.Broker;
using Quoalise.Adapters.Mqtt.Ingest;

namespace Quoalise.Adapters.Mqtt.Tests.Broker;

public class AcknowledgementQueueTests
{
    private const int ReceiveMaximum = 3;

    [Test]
    public async Task A_broker_over_the_receive_maximum_waits_for_room_and_acknowledgements_stay_in_arrival_order()
    {
        var handlings = new Dictionary<ushort, TaskCompletionSource<IngestOutcome>>();
        var started = new List<ushort>();
        var acknowledged = new List<ushort>();
        var logs = new FakeLogCollector();
        using var connection = new CancellationTokenSource();
        var queue = new AcknowledgementQueue(
            (delivery, _) =>
            {
                lock (started)
                {
                    started.Add((ushort)delivery.PacketId);
                    return handlings[(ushort)delivery.PacketId].Task;
                }
            },
            "quoalise",
            ReceiveMaximum,
            new FakeLogger(logs),
            connection.Token);
        for (ushort id = 1; id <= 5; id++)
        {
            handlings[id] = new TaskCompletionSource<IngestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var acknowledging = queue.AcknowledgeAsync();
        for (ushort id = 1; id <= ReceiveMaximum; id++)
        {
            await queue.ReceiveAsync(Received(id, acknowledged));
        }

        // The broker sends a fourth while three wait: it is not taken until one is acknowledged.
        var fourth = queue.ReceiveAsync(Received(4, acknowledged));
        await Task.Delay(200);
        fourth.IsCompleted.Should().BeFalse();
        logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == MqttEventId.ReceiveMaximumExceeded);

        // The second commits first: nothing is acknowledged before the first, so no room yet.
        handlings[2].SetResult(IngestOutcome.Acknowledge);
        await Task.Delay(200);
        fourth.IsCompleted.Should().BeFalse();
        acknowledged.Should().BeEmpty();

        handlings[1].SetResult(IngestOutcome.Acknowledge);
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        acknowledged.Should().Equal(1, 2);

        handlings[3].SetResult(IngestOutcome.Acknowledge);
        handlings[4].SetResult(IngestOutcome.Acknowledge);
        await queue.ReceiveAsync(Received(5, acknowledged)).WaitAsync(TimeSpan.FromSeconds(10));
        handlings[5].SetResult(IngestOutcome.Acknowledge);
        queue.Complete();
        (await acknowledging.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();

        acknowledged.Should().Equal(1, 2, 3, 4, 5);
        lock (started)
        {
            // Handlings run concurrently, so they may start in any order.
            started.Should().BeEquivalentTo(new ushort[] { 1, 2, 3, 4, 5 });
        }

        logs.GetSnapshot().Count(r => r.Id.Id == MqttEventId.ReceiveMaximumExceeded).Should().Be(1, "the warning is given once per connection");
    }

    [Test]
    public async Task A_message_waiting_for_room_when_the_connection_ends_is_left_for_redelivery()
    {
        var acknowledged = new List<ushort>();
        using var connection = new CancellationTokenSource();
        var handled = 0;
        var queue = new AcknowledgementQueue(
            (_, _) =>
            {
                Interlocked.Increment(ref handled);
                return new TaskCompletionSource<IngestOutcome>().Task;
            },
            "quoalise",
            1,
            new FakeLogger(),
            connection.Token);
        await queue.ReceiveAsync(Received(1, acknowledged));
        var waiting = queue.ReceiveAsync(Received(2, acknowledged));
        while (Volatile.Read(ref handled) == 0)
        {
            await Task.Delay(10);
        }

        await connection.CancelAsync();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        handled.Should().Be(1, "the second message was never taken");
        acknowledged.Should().BeEmpty();
    }

    private static MqttApplicationMessageReceivedEventArgs Received(ushort packetId, List<ushort> acknowledged)
    {
        var message = new MqttApplicationMessage
        {
            Topic = "serre/1/bac/1",
            PayloadSegment = Encoding.UTF8.GetBytes("""{"humiditeSol": 40}"""),
            QualityOfServiceLevel = MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce,
        };
        var packet = new MqttPublishPacket { PacketIdentifier = packetId, Topic = message.Topic };
        return new MqttApplicationMessageReceivedEventArgs("quoalise", message, packet, (_, _) =>
        {
            lock (acknowledged)
            {
                acknowledged.Add(packetId);
            }

            return Task.CompletedTask;
        });
    }
}
