using System.Data.Common;
using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage;

/// <summary>
/// The configured database: a pooled data source and its engine. Thread-safe; every
/// <see cref="OpenAsync"/> returns a new pooled connection that the caller disposes.
/// </summary>
internal sealed class Database : IDatabase, IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private int _opened;

    public Database(StorageEngine storageEngine, DbDataSource dataSource, TimeSpan commandTimeout)
    {
        StorageEngine = storageEngine;
        _dataSource = dataSource;
        CommandTimeoutSeconds = (int)Math.Ceiling(commandTimeout.TotalSeconds);
    }

    public SqlEngine Engine => StorageEngine.Engine;

    public ISqlDialect Dialect => StorageEngine.Dialect;

    public StorageEngine StorageEngine { get; }

    /// <summary>For every command (ADO.NET and Dapper take whole seconds).</summary>
    public int CommandTimeoutSeconds { get; }

    /// <summary>Where the data lives, without credentials.</summary>
    public string Target => StorageEngine.Describe(_dataSource);

    public static Database Create(StorageOptions options)
    {
        StorageProviders.TryParse(options.Provider, out var engine);
        var storageEngine = StorageEngine.For(engine);
        return new Database(storageEngine, storageEngine.CreateDataSource(options), options.CommandTimeout);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await StorageEngine.PrepareConnectionAsync(connection, Volatile.Read(ref _opened) == 0, cancellationToken);
            Volatile.Write(ref _opened, 1);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
