using System.Text;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>
/// Rejects, before they are queued, the points a database would refuse: so the only failures left in the
/// background are the database's own, and one bad point never fails a batch of others.
/// </summary>
internal static class PointValidator
{
    /// <summary>Width of <c>core_points.unit</c>; SenML units are a few characters.</summary>
    public const int MaxUnitLength = 64;

    /// <summary>
    /// Largest string value (vs), in UTF-8 bytes, and data value (vd), in base64url characters. PostgreSQL's
    /// primary key carries the values (docs/storage.md) and one index entry holds at most about 2,700 bytes.
    /// </summary>
    public const int MaxStringValueBytes = 1024;

    public static void Validate(IReadOnlyList<SenMLRecord> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var point in points)
        {
            var problem = Check(point);
            if (problem is not null)
            {
                throw new ArgumentException($"Point '{Shorten(point.Name)}' at {point.Time:O} cannot be stored: {problem}.", nameof(points));
            }
        }
    }

    private static string? Check(SenMLRecord point) => point switch
    {
        { Name: null or "" } => "its name (the series identifier) is empty",
        { Name.Length: > SeriesDefinition.MaxIdentifierLength } => $"its name is longer than {SeriesDefinition.MaxIdentifierLength} characters",
        { Unit.Length: > MaxUnitLength } => $"its unit is longer than {MaxUnitLength} characters",
        { StringValue: { } vs } when Encoding.UTF8.GetByteCount(vs) > MaxStringValueBytes => $"its string value is longer than {MaxStringValueBytes} bytes",
        { DataValue.Length: > MaxStringValueBytes } => $"its data value is longer than {MaxStringValueBytes} characters",
        { HasValueOrSum: false } => "it carries no value and no sum (RFC 8428 §4.6)",
        { Value: { } v } when !double.IsFinite(v) => "its value is not a finite number",
        { Sum: { } s } when !double.IsFinite(s) => "its sum is not a finite number",
        { UpdateTime: { } u } when !double.IsFinite(u) => "its update time is not a finite number",
        _ => null,
    };

    private static string Shorten(string? value) =>
        value is null ? string.Empty : value.Length <= 64 ? value : value[..64] + "…";
}
