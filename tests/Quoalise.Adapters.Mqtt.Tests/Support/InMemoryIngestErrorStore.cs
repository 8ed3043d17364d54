using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Storage;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>The in-memory twin of <see cref="IngestErrorStore"/>; <see cref="Failures"/> are thrown first, one per call.</summary>
internal sealed class InMemoryIngestErrorStore : IIngestErrorStore
{
    private readonly List<IngestError> _errors = [];

    public Queue<Exception> Failures { get; } = new();

    public IReadOnlyList<IngestError> All
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public Task AddAsync(IReadOnlyList<IngestError> errors, CancellationToken cancellationToken)
    {
        lock (_errors)
        {
            if (Failures.TryDequeue(out var failure))
            {
                throw failure;
            }

            _errors.AddRange(errors);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IngestError>> QueryAsync(IngestErrorQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IngestError>>([.. All
            .Where(e => (query.Type is null || e.Type == query.Type) && e.Time >= query.From && e.Time < query.To)
            .OrderByDescending(e => e.Time)
            .Take(query.Limit)]);
}
