using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>An <see cref="ISeriesWriter"/> that keeps what it is given, idempotent on (series, time) as storage is.</summary>
internal sealed class RecordingSeriesWriter : ISeriesWriter
{
    private readonly Dictionary<(string, DateTimeOffset), SenMLRecord> _points = [];

    public Func<Exception>? Failure { get; set; }

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
