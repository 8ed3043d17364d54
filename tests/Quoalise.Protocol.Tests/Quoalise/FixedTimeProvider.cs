namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>A clock stopped at one instant, for relative SenML times. Immutable and thread-safe.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
