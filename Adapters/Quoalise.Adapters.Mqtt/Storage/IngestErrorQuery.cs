namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>Errors with <c>From &lt;= time &lt; To</c>, of one type or all, newest first, at most <see cref="Limit"/>.</summary>
internal sealed record IngestErrorQuery(string? Type, DateTimeOffset From, DateTimeOffset To, int Limit);
