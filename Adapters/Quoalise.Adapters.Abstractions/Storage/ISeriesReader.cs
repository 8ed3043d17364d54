using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Storage;

/// <summary>Reads time-series points by range, in pages. Thread-safe.</summary>
public interface ISeriesReader
{
    Task<SeriesPage> ReadAsync(SeriesQuery query, CancellationToken cancellationToken);
}

/// <summary>Points of one series with <c>Start &lt;= time &lt; End</c>, oldest first.</summary>
/// <param name="Identifier">Series identifier.</param>
/// <param name="Start">Inclusive start.</param>
/// <param name="End">Exclusive end.</param>
/// <param name="Limit">Most points to return in this page.</param>
/// <param name="After">Continue after this instant (exclusive): the previous page's <see cref="SeriesPage.NextAfter"/>.</param>
public sealed record SeriesQuery(string Identifier, DateTimeOffset Start, DateTimeOffset End, int Limit, DateTimeOffset? After = null);

/// <param name="Points">The page, oldest first.</param>
/// <param name="NextAfter">Time of the last point when more may follow; null when the range is exhausted.</param>
public sealed record SeriesPage(IReadOnlyList<SenMLRecord> Points, DateTimeOffset? NextAfter);
