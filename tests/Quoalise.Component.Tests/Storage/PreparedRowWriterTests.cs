using Dapper;
using Microsoft.Data.Sqlite;
using Quoalise.Component.Storage.Rows;

namespace Quoalise.Component.Tests.Storage;

/// <summary>SQLite's row writer binds values by position, itself: each supported type lands as SQLite stores it.</summary>
public sealed class PreparedRowWriterTests
{
    private static readonly string[] Columns = ["id", "value"];

    [Test]
    public async Task Each_supported_type_is_stored_with_its_SQLite_storage_class()
    {
        object?[][] rows =
        [
            [1L, null], [2L, "text é"], [3L, 42], [4L, 1.5], [5L, true], [6L, (short)7], [7L, 2.5f], [8L, 0.125m], [9L, new byte[] { 1, 2 }], [10L, DayOfWeek.Friday],
        ];

        await using var connection = await WriteAsync(rows);

        var stored = (await connection.QueryAsync<(long Id, string Type, string? Text)>("SELECT id, typeof(value), CAST(value AS TEXT) FROM t ORDER BY id")).ToList();
        stored.Should().Equal(
            (1L, "null", null), (2L, "text", "text é"), (3L, "integer", "42"), (4L, "real", "1.5"), (5L, "integer", "1"),
            (6L, "integer", "7"), (7L, "real", "2.5"), (8L, "text", "0.125"), (9L, "blob", "\u0001\u0002"), (10L, "integer", "5"));
    }

    [Test]
    public async Task A_value_of_another_type_fails_naming_its_column_and_table()
    {
        var write = () => WriteAsync([[1L, DateTime.UtcNow]]);

        (await write.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("Column value of t").And.Contain("DateTime");
    }

    [Test]
    public async Task A_constraint_violation_is_SQLite_s_own_error()
    {
        var write = () => WriteAsync([[1L, "a"], [1L, "again"]]);

        (await write.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(19, "SQLITE_CONSTRAINT");
    }

    private static async Task<SqliteConnection> WriteAsync(object?[][] rows)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, value ANY) STRICT");
        await using var transaction = await connection.BeginTransactionAsync();
        await new PreparedRowWriter<object?[]>("t", Columns, string.Empty, RowInserter.ValueOf).WriteAsync(connection, transaction, rows, 30, CancellationToken.None);
        await transaction.CommitAsync();
        return connection;
    }
}
