using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage.Migrations;

/// <summary>
/// Applies the pending schema steps of every registered <see cref="MigrationSet"/> (core first, then
/// adapters), each once, recorded per owner in <c>quoalise_migrations</c>. Safe when several instances
/// run it at once: the engine's migration lock admits one, the others then find nothing to do. A step
/// already applied whose file has since changed fails the run. Resolve it from the host's services;
/// thread-safe.
/// </summary>
/// <remarks>
/// PostgreSQL and SQLite apply a step and its version row atomically. MySQL commits each DDL statement
/// by itself, so a step that fails halfway is left half applied: its scripts use <c>IF NOT EXISTS</c>
/// so that a re-run after the fix completes it.
/// </remarks>
public sealed class MigrationRunner
{
    // Portable to the three engines; created under the lock, as concurrent CREATE TABLE IF NOT EXISTS can race on PostgreSQL.
    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS quoalise_migrations (" +
        "owner VARCHAR(64) NOT NULL, version INTEGER NOT NULL, name VARCHAR(200) NOT NULL, " +
        "checksum VARCHAR(64) NOT NULL, applied_us BIGINT NOT NULL, PRIMARY KEY (owner, version))";

    private const string SelectApplied =
        "SELECT owner AS Owner, version AS Version, name AS Name, checksum AS Checksum FROM quoalise_migrations";

    private const string InsertApplied =
        "INSERT INTO quoalise_migrations (owner, version, name, checksum, applied_us) VALUES (@owner, @version, @name, @checksum, @applied_us)";

    private readonly Database _database;
    private readonly IReadOnlyList<MigrationSet> _sets;
    private readonly TimeSpan _lockTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MigrationRunner> _logger;

    internal MigrationRunner(
        Database database, IEnumerable<MigrationSet> sets, IOptions<StorageOptions> options, TimeProvider timeProvider, ILogger<MigrationRunner> logger)
    {
        _database = database;
        _sets = [.. sets.OrderBy(s => s.Owner == CoreMigrations.Owner ? 0 : 1)];
        var repeated = _sets.GroupBy(s => s.Owner).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            // Two sets of one owner would share one version sequence and apply "the same" step twice.
            throw new InvalidOperationException($"Migrations of '{repeated.Key}' are registered {repeated.Count()} times; register each owner's set once.");
        }
        _lockTimeout = options.Value.CommandTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Applies what is pending and returns it, empty when the schema was up to date.</summary>
    /// <exception cref="InvalidOperationException">A step failed, or a packaged step differs from the one applied.</exception>
    public async Task<IReadOnlyList<AppliedMigration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var engine = _database.StorageEngine;
        var scripts = _sets.SelectMany(set => MigrationScript.Load(set, engine.ScriptFolder)).ToList();

        await using var connection = await _database.OpenAsync(cancellationToken);
        StorageLog.MigrationLockWaiting(_logger);
        await using var lease = await engine.LockMigrationsAsync(connection, _lockTimeout, cancellationToken);
        await ExecuteAsync(connection, lease.Transaction, CreateVersionTable, cancellationToken);
        var applied = (await connection.QueryAsync<AppliedRow>(Command(SelectApplied, null, lease.Transaction, cancellationToken)))
            .ToDictionary(r => (r.Owner, r.Version));

        var done = new List<AppliedMigration>();
        foreach (var script in scripts)
        {
            if (applied.TryGetValue((script.Owner, script.Version), out var row))
            {
                if (row.Checksum != script.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {script.Owner} {script.FileName} was changed after it was applied. Add a new step instead of editing an applied one.");
                }

                continue;
            }

            await ApplyAsync(connection, lease.Transaction, script, cancellationToken);
            StorageLog.MigrationApplied(_logger, script.Owner, script.Version, script.Name);
            done.Add(new AppliedMigration(script.Owner, script.Version, script.Name));
        }

        await lease.CompleteAsync(cancellationToken);
        if (done.Count == 0)
        {
            StorageLog.MigrationsUpToDate(_logger, string.Join(", ", _sets.Select(s => s.Owner)));
        }

        return done;
    }

    private async Task ApplyAsync(DbConnection connection, DbTransaction? lockTransaction, MigrationScript script, CancellationToken cancellationToken)
    {
        var own = lockTransaction is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var transaction = lockTransaction ?? own;
            try
            {
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            }
            catch (DbException e)
            {
                throw new InvalidOperationException($"Migration {script.Owner} {script.FileName} failed: {e.Message}", e);
            }

            await connection.ExecuteAsync(Command(InsertApplied, new
            {
                owner = script.Owner,
                version = script.Version,
                name = script.Name,
                checksum = script.Checksum,
                applied_us = UnixMicroseconds.From(_timeProvider.GetUtcNow()),
            }, transaction, cancellationToken));
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = _database.CommandTimeoutSeconds;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, _database.CommandTimeoutSeconds, cancellationToken: cancellationToken);

    private sealed class AppliedRow
    {
        public string Owner { get; init; } = string.Empty;

        public int Version { get; init; }

        public string Name { get; init; } = string.Empty;

        public string Checksum { get; init; } = string.Empty;
    }
}
