using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>The authorisation list (<c>ocpp_id_tags</c>). Thread-safe.</summary>
internal sealed class IdTagStore
{
    private const string FindSql =
        "SELECT id_tag AS IdTag, status AS Status, expiry_us AS ExpiryUs, parent_id_tag AS ParentIdTag, blocked AS Blocked, note AS Note " +
        "FROM ocpp_id_tags WHERE id_tag = @IdTag";

    // A null value keeps the field; a clear flag (0 or 1: PostgreSQL compares no boolean with an integer) empties it.
    private const string UpdateSql =
        "UPDATE ocpp_id_tags SET status = COALESCE(@Status, status), " +
        "expiry_us = CASE WHEN @ClearExpiry = 1 THEN NULL ELSE COALESCE(@ExpiryUs, expiry_us) END, " +
        "parent_id_tag = CASE WHEN @ClearParent = 1 THEN NULL ELSE COALESCE(@ParentIdTag, parent_id_tag) END, " +
        "note = CASE WHEN @ClearNote = 1 THEN NULL ELSE COALESCE(@Note, note) END, updated_us = @Now " +
        "WHERE id_tag = @IdTag";

    // An entry listed with status Blocked (before blocking became the flag's alone) is Accepted once unblocked.
    private const string SetBlockedSql =
        "UPDATE ocpp_id_tags SET blocked = @Blocked, status = CASE WHEN @Blocked = 0 AND status = 'Blocked' THEN 'Accepted' ELSE status END, " +
        "updated_us = @Now WHERE id_tag = @IdTag";

    private const string DeleteSql = "DELETE FROM ocpp_id_tags WHERE id_tag = @IdTag";

    private static readonly string[] Columns = ["id_tag", "status", "expiry_us", "parent_id_tag", "blocked", "note", "updated_us"];

    private readonly IDatabase _database;
    private readonly string _insertSql;

    public IdTagStore(IDatabase database)
    {
        _database = database;
        _insertSql = database.Dialect.InsertIgnore("ocpp_id_tags", Columns, ["id_tag"]);
    }

    public async Task<IdTagRow?> FindAsync(string idTag, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IdTagRow>(new CommandDefinition(FindSql, new { IdTag = idTag }, cancellationToken: cancellationToken));
    }

    /// <returns>False when the tag is already listed (left as it is).</returns>
    public async Task<bool> AddAsync(IdTagRow tag, long nowUs, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            _insertSql,
            new
            {
                id_tag = tag.IdTag,
                status = tag.Status,
                expiry_us = tag.ExpiryUs,
                parent_id_tag = tag.ParentIdTag,
                blocked = tag.Blocked,
                note = tag.Note,
                updated_us = nowUs,
            },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Changes the fields <paramref name="change"/> gives or clears, and only those.</summary>
    /// <returns>False when the tag is not listed.</returns>
    public async Task<bool> UpdateAsync(IdTagChange change, long nowUs, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            UpdateSql,
            new
            {
                change.IdTag,
                change.Status,
                change.ExpiryUs,
                ClearExpiry = change.ClearExpiry ? 1 : 0,
                change.ParentIdTag,
                ClearParent = change.ClearParent ? 1 : 0,
                change.Note,
                ClearNote = change.ClearNote ? 1 : 0,
                Now = nowUs,
            },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <returns>False when the tag is not listed.</returns>
    public async Task<bool> SetBlockedAsync(string idTag, bool blocked, long nowUs, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            SetBlockedSql, new { IdTag = idTag, Blocked = blocked ? 1 : 0, Now = nowUs }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> DeleteAsync(string idTag, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { IdTag = idTag }, cancellationToken: cancellationToken)) == 1;
    }
}
