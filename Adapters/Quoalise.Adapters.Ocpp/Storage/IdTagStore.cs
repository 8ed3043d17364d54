using Dapper;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>The authorisation list (<c>ocpp_id_tags</c>). Thread-safe.</summary>
internal sealed class IdTagStore
{
    private const string FindSql =
        "SELECT id_tag AS IdTag, status AS Status, expiry_us AS ExpiryUs, parent_id_tag AS ParentIdTag, blocked AS Blocked, note AS Note " +
        "FROM ocpp_id_tags WHERE id_tag = @IdTag";

    private const string UpdateSql =
        "UPDATE ocpp_id_tags SET status = @Status, expiry_us = @ExpiryUs, parent_id_tag = @ParentIdTag, blocked = @Blocked, note = @Note, updated_us = @Now " +
        "WHERE id_tag = @IdTag";

    private const string SetBlockedSql = "UPDATE ocpp_id_tags SET blocked = @Blocked, updated_us = @Now WHERE id_tag = @IdTag";

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

    /// <returns>False when the tag is not listed.</returns>
    public async Task<bool> UpdateAsync(IdTagRow tag, long nowUs, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            UpdateSql,
            new { tag.IdTag, tag.Status, tag.ExpiryUs, tag.ParentIdTag, tag.Blocked, tag.Note, Now = nowUs },
            cancellationToken: cancellationToken)) == 1;
    }

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
