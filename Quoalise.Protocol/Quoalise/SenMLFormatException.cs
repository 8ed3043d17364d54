namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// A SenML pack (XML or JSON) that RFC 8428 does not allow, or that this library cannot use: malformed
/// number, bad name, a record with no value, an unknown must-understand field, a newer version. The message
/// names the record (0-based) and the field, and quotes at most 64 characters of the input.
/// </summary>
public sealed class SenMLFormatException : FormatException
{
    public SenMLFormatException()
    {
    }

    public SenMLFormatException(string message)
        : base(message)
    {
    }

    public SenMLFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SenMLFormatException(int? recordIndex, string? field, string problem)
        : base(Describe(recordIndex, field, problem))
    {
        RecordIndex = recordIndex;
        Field = field;
    }

    /// <summary>0-based index of the offending record; null when the pack as a whole is wrong.</summary>
    public int? RecordIndex { get; }

    /// <summary>The label of the offending field (<c>v</c>, <c>bn</c>…); null when the record as a whole is wrong.</summary>
    public string? Field { get; }

    private static string Describe(int? recordIndex, string? field, string problem) =>
        (recordIndex, field) switch
        {
            (null, null) => $"SenML pack: {problem}",
            (null, _) => $"SenML pack, field '{field}': {problem}",
            (_, null) => $"SenML record {recordIndex}: {problem}",
            _ => $"SenML record {recordIndex}, field '{field}': {problem}",
        };
}
