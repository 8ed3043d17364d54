using Microsoft.Extensions.Time.Testing;
using Quoalise.Adapters.Ocpp.Connections;

namespace Quoalise.Adapters.Ocpp.Tests.Connections;

public class MessageRateGateTests
{
    [Test]
    public void A_burst_passes_then_the_sender_waits_for_the_rate()
    {
        var time = new FakeTimeProvider();
        var gate = new MessageRateGate(messagesPerSecond: 10, burst: 3, time);

        Enumerable.Range(0, 3).Select(_ => gate.Take()).Should().OnlyContain(w => w == TimeSpan.Zero);
        gate.Take().Should().Be(TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromSeconds(1));
        gate.Take().Should().Be(TimeSpan.Zero, "the bucket refilled while the sender was quiet");
    }
}
