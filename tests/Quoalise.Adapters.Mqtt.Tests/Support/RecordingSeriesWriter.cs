using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>
/// Storage's twin for the adapter: keeps what it is given, idempotent on (series, time), and reads it back.
/// </summary>
internal sealed class RecordingSeriesWriter : ISeriesWriter, ISeriesReader
{
    private readonly Dictionary<(string, DateTimeOffset), SenMLRecord> _points = [];

    public Func<Exception>? Failure { get; set; }

    public Func<Exception>? ReadFailure { get; set; }

    public IReadOnlyList<SenMLRecord> Points
    {
        get
        {
            lock (_points)
            {
                return [.. _points.Values.OrderBy(p => p.Time).ThenBy(p => p.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The points that are readings, without the delivery receipts.</summary>
    public IReadOnlyList<SenMLRecord> Readings => [.. Points.Where(p => !p.Name.StartsWith(Quoalise.Adapters.Mqtt.Ingest.DeliveryJournal.SeriesPrefix, StringComparison.Ordinal))];

    public Task<SeriesPage> ReadAsync(SeriesQuery query, CancellationToken cancellationToken) =>
        ReadFailure is { } failure ? Task.FromException<SeriesPage>(failure()) : Task.FromResult(new SeriesPage([.. Points.Where(p => p.Name == query.Identifier && p.Time >= query.Start && p.Time < query.End).Take(query.Limit)], null));

    public Task WriteAsync(IReadOnlyList<SenMLRecord> points, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            throw failure();
        }

        lock (_points)
        {
            foreach (var point in points)
            {
                _points[(point.Name, point.Time)] = point;
            }
        }

        return Task.CompletedTask;
    }
}
