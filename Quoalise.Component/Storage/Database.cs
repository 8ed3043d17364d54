using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Rows;

namespace Quoalise.Component.Storage;

/// <summary>
/// The configured database: a pooled data source and its engine. Thread-safe; every
/// <see cref="OpenAsync"/> returns a new pooled connection that the caller disposes.
/// </summary>
internal sealed class Database : IDatabase, IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly SemaphoreSlim? _oneAtATime;
    private readonly TimeSpan _commandTimeout;
    // Made on first use, once: its lanes are tasks that live as long as the database.
    private readonly Lazy<GroupCommit> _groupCommit;
    private int _opened;

    public Database(StorageEngine storageEngine, DbDataSource dataSource, TimeSpan commandTimeout, ILogger? logger = null)
    {
        _groupCommit = new(() => new GroupCommit(this, logger ?? NullLogger.Instance));
        StorageEngine = storageEngine;
        _dataSource = dataSource;
        _commandTimeout = commandTimeout;
        CommandTimeoutSeconds = (int)Math.Ceiling(commandTimeout.TotalSeconds);
        _oneAtATime = storageEngine.OneConnectionAtATime ? new SemaphoreSlim(1, 1) : null;
    }

    public SqlEngine Engine => StorageEngine.Engine;

    public ISqlDialect Dialect => StorageEngine.Dialect;

    public StorageEngine StorageEngine { get; }

    /// <summary>For every command (ADO.NET and Dapper take whole seconds).</summary>
    public int CommandTimeoutSeconds { get; }

    /// <summary>Where the data lives, without credentials.</summary>
    public string Target => StorageEngine.Describe(_dataSource);

    public static Database Create(StorageOptions options, ILogger? logger = null)
    {
        StorageProviders.TryParse(options.Provider, out var engine);
        var storageEngine = StorageEngine.For(engine);
        return new Database(storageEngine, storageEngine.CreateDataSource(options), options.CommandTimeout, logger);
    }

    /// <summary>
    /// A new pooled connection. On an engine with <see cref="StorageEngine.OneConnectionAtATime"/>, callers queue
    /// (asynchronously, in arrival order) until the previous connection is disposed: a caller must never open a
    /// second connection while holding one, and one that waits longer than the command timeout fails.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_oneAtATime is not null && !await _oneAtATime.WaitAsync(_commandTimeout, cancellationToken))
        {
            throw new TimeoutException(
                $"No {Engine} connection within {_commandTimeout.TotalSeconds:0} s (Storage:CommandTimeout): the component uses one at a time on this engine, and the holder did not give it back.");
        }

        DbConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await StorageEngine.PrepareConnectionAsync(connection, Volatile.Read(ref _opened) == 0, cancellationToken);
            Volatile.Write(ref _opened, 1);
            if (_oneAtATime is { } gate)
            {
                ReleaseOnDispose(connection, gate);
            }

            return connection;
        }
        catch
        {
            _oneAtATime?.Release();
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw;
        }
    }

    public IRowInserter CreateRowInserter(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns) =>
        new RowInserter(StorageEngine.CreateRowWriter<object?[]>(table, columns, StorageEngine.Dialect.IgnoreClause(keyColumns), RowInserter.ValueOf), CommandTimeoutSeconds);

    public Task<T> WriteTogetherAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        _groupCommit.Value.WriteAsync(write, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_groupCommit.IsValueCreated)
        {
            await _groupCommit.Value.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
        _oneAtATime?.Dispose();
    }

    // DbConnection is a Component: disposing raises Disposed (once per Dispose call, hence the flag).
    private static void ReleaseOnDispose(DbConnection connection, SemaphoreSlim gate)
    {
        var released = 0;
        connection.Disposed += (_, _) =>
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        };
    }
}
