using Quoalise.Protocol.Stream;

namespace Quoalise.Protocol.Tests.Stream;

public class ReconnectBackoffTests
{
    [Test]
    public void Doubles_from_the_minimum_to_the_cap_with_at_least_half_of_each_step()
    {
        var lowest = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.0);
        var highest = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 1.0);

        var low = Enumerable.Range(0, 9).Select(_ => lowest.Next().TotalSeconds).ToList();
        var high = Enumerable.Range(0, 9).Select(_ => highest.Next().TotalSeconds).ToList();

        low.Should().Equal(0.5, 1, 2, 4, 8, 16, 30, 30, 30);
        high.Should().Equal(1, 2, 4, 8, 16, 32, 60, 60, 60);
    }

    [Test]
    public void Reset_starts_again_from_the_minimum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 1.0);
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        backoff.Next().Should().Be(TimeSpan.FromSeconds(1));
    }
}
