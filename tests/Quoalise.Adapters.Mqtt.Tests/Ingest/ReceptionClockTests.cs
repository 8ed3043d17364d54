using Microsoft.Extensions.Time.Testing;
using Quoalise.Adapters.Mqtt.Ingest;

namespace Quoalise.Adapters.Mqtt.Tests.Ingest;

public class ReceptionClockTests
{
    [Test]
    public void Stamps_are_whole_microseconds_of_the_reception_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 22, 6, 51, 18, TimeSpan.Zero).AddTicks(1_234_567));

        new ReceptionClock(time).Next().Should().Be(new DateTimeOffset(2026, 5, 22, 6, 51, 18, TimeSpan.Zero).AddTicks(1_234_560));
    }

    [Test]
    public void Messages_received_in_the_same_instant_get_distinct_increasing_stamps()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 22, 6, 51, 18, TimeSpan.Zero));
        var clock = new ReceptionClock(time);

        var stamps = Enumerable.Range(0, 1000).AsParallel().Select(_ => clock.Next()).ToList();

        stamps.Should().OnlyHaveUniqueItems();
        stamps.Max().Should().Be(time.GetUtcNow().AddTicks(999 * TimeSpan.TicksPerMicrosecond));
        time.Advance(TimeSpan.FromSeconds(1));
        clock.Next().Should().Be(time.GetUtcNow(), "the clock catches up with real time");
    }
}
