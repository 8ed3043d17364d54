using System.Collections.Concurrent;
using Quoalise.Adapters.Mqtt.Storage;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>The in-memory twin of <see cref="BedStore"/>; <see cref="Failure"/> makes calls fail.</summary>
internal sealed class InMemoryBedStore : IBedStore
{
    private readonly ConcurrentDictionary<(int, int), Bed> _beds = new();

    /// <summary>Called before each call: an exception to throw, or null to proceed.</summary>
    public Func<Exception?>? Failure { get; set; }

    public int Finds { get; private set; }

    public Task<Bed?> FindAsync(int greenhouse, int bed, CancellationToken cancellationToken)
    {
        Throw();
        Finds++;
        return Task.FromResult(_beds.GetValueOrDefault((greenhouse, bed)));
    }

    public Task<IReadOnlyList<Bed>> ListAsync(CancellationToken cancellationToken)
    {
        Throw();
        return Task.FromResult<IReadOnlyList<Bed>>([.. _beds.Values.OrderBy(b => b.Greenhouse).ThenBy(b => b.BedNumber)]);
    }

    public Task<bool> AddAsync(Bed bed, CancellationToken cancellationToken)
    {
        Throw();
        return Task.FromResult(_beds.TryAdd((bed.Greenhouse, bed.BedNumber), bed));
    }

    private void Throw()
    {
        if (Failure?.Invoke() is { } failure)
        {
            throw failure;
        }
    }
}
