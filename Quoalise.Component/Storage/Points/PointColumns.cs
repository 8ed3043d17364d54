namespace Quoalise.Component.Storage.Points;

/// <summary>The columns of <c>core_points</c>, in the order every writer sends them.</summary>
internal static class PointColumns
{
    public const string Table = "core_points";

    public static IReadOnlyList<string> Key { get; } = ["series_id", "time_us"];

    public static IReadOnlyList<string> Values { get; } =
        ["unit", "value_number", "value_string", "value_boolean", "value_data", "value_sum", "update_time"];

    public static IReadOnlyList<string> All { get; } = [.. Key, .. Values];

    /// <summary>The value of column <paramref name="index"/> of <see cref="All"/>, <see cref="DBNull"/> for none.</summary>
    public static object ValueOf(PointRow row, int index) => index switch
    {
        0 => row.SeriesId,
        1 => row.TimeUs,
        2 => (object?)row.Point.Unit ?? DBNull.Value,
        3 => (object?)row.Point.Value ?? DBNull.Value,
        4 => (object?)row.Point.StringValue ?? DBNull.Value,
        5 => (object?)row.Point.BooleanValue ?? DBNull.Value,
        6 => (object?)row.Point.DataValue ?? DBNull.Value,
        7 => (object?)row.Point.Sum ?? DBNull.Value,
        8 => (object?)row.Point.UpdateTime ?? DBNull.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "core_points has 9 columns."),
    };
}
