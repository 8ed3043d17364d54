using Dapper;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Storage.Subscriptions;

/// <summary><see cref="ISubscriptionStore"/> over <c>core_subscriptions</c>. Thread-safe.</summary>
internal sealed class SubscriptionStore : ISubscriptionStore
{
    private const string Delete =
        "DELETE FROM core_subscriptions WHERE subscriber = @subscriber AND series_identifier = @series_identifier";

    private const string BySubscriber =
        "SELECT subscriber AS Subscriber, series_identifier AS SeriesIdentifier, created_us AS CreatedUs " +
        "FROM core_subscriptions WHERE subscriber = @subscriber ORDER BY series_identifier";

    private const string All =
        "SELECT subscriber AS Subscriber, series_identifier AS SeriesIdentifier, created_us AS CreatedUs " +
        "FROM core_subscriptions ORDER BY series_identifier, subscriber";

    private readonly Database _database;
    private readonly TimeProvider _timeProvider;
    private readonly string _insert;

    public SubscriptionStore(Database database, TimeProvider timeProvider)
    {
        _database = database;
        _timeProvider = timeProvider;
        _insert = database.Dialect.InsertIgnore(
            "core_subscriptions", ["subscriber", "series_identifier", "created_us"], ["subscriber", "series_identifier"]);
    }

    public async Task<bool> AddAsync(Jid subscriber, string seriesIdentifier, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            subscriber = SubscriptionKey.Subscriber(subscriber),
            series_identifier = SubscriptionKey.Series(seriesIdentifier),
            created_us = UnixMicroseconds.From(_timeProvider.GetUtcNow()),
        };
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(_insert, parameters, cancellationToken)) > 0;
    }

    public async Task<bool> RemoveAsync(Jid subscriber, string seriesIdentifier, CancellationToken cancellationToken)
    {
        var parameters = new { subscriber = SubscriptionKey.Subscriber(subscriber), series_identifier = SubscriptionKey.Series(seriesIdentifier) };
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(Delete, parameters, cancellationToken)) > 0;
    }

    public Task<IReadOnlyList<Subscription>> ListBySubscriberAsync(Jid subscriber, CancellationToken cancellationToken) =>
        QueryAsync(Command(BySubscriber, new { subscriber = SubscriptionKey.Subscriber(subscriber) }, cancellationToken));

    public Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken) =>
        QueryAsync(Command(All, new { }, cancellationToken));

    private async Task<IReadOnlyList<Subscription>> QueryAsync(CommandDefinition query)
    {
        await using var connection = await _database.OpenAsync(query.CancellationToken);
        var rows = await connection.QueryAsync<SubscriptionRow>(query);
        return [.. rows.Select(r => new Subscription(Jid.Parse(r.Subscriber), r.SeriesIdentifier, UnixMicroseconds.ToTime(r.CreatedUs)))];
    }

    private CommandDefinition Command(string sql, object parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, commandTimeout: _database.CommandTimeoutSeconds, cancellationToken: cancellationToken);

    private sealed class SubscriptionRow
    {
        public string Subscriber { get; init; } = string.Empty;

        public string SeriesIdentifier { get; init; } = string.Empty;

        public long CreatedUs { get; init; }
    }
}
