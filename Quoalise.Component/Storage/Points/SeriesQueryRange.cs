using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// The microsecond bounds a <see cref="SeriesQuery"/> selects, <c>StartUs &lt;= time_us &lt; EndUs</c>: keyset
/// paging turns the caller's <see cref="SeriesQuery.After"/> into the lower bound, so a page is one key range.
/// </summary>
internal readonly record struct SeriesQueryRange(long StartUs, long EndUs)
{
    public bool IsEmpty => StartUs >= EndUs;

    public static SeriesQueryRange Of(SeriesQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var start = UnixMicroseconds.From(query.Start);
        if (query.After is { } after)
        {
            start = Math.Max(start, UnixMicroseconds.From(after) + 1);
        }

        return new SeriesQueryRange(start, UnixMicroseconds.From(query.End));
    }
}
