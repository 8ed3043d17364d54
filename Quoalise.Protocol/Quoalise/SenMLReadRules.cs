namespace Quoalise.Protocol.Quoalise;

/// <summary>Field-level checks and error messages both readers share. Stateless and thread-safe.</summary>
internal static class SenMLReadRules
{
    public static string DataValue(int index, string text) =>
        SenMLSyntax.IsBase64Url(text)
            ? text
            : throw new SenMLFormatException(index, SenMLNames.DataValue, $"{SenMLSyntax.Quote(text)} is not unpadded base64url (RFC 8428 §4.3)");

    public static long Seconds(int index, string label, SecondsParse outcome, long ticks, ReadOnlySpan<char> text) => outcome switch
    {
        SecondsParse.Ok => ticks,
        SecondsParse.OutOfRange => throw new SenMLFormatException(index, label, $"{SenMLSyntax.Quote(text)} seconds is beyond year 9999"),
        _ => throw NotANumber(index, label, text),
    };

    public static SenMLFormatException NotANumber(int index, string label, ReadOnlySpan<char> text) =>
        new(index, label, $"{SenMLSyntax.Quote(text)} is not a finite number");

    /// <summary>RFC 8428 §4.4: an unknown label ending with '_' MUST make the reader fail.</summary>
    public static SenMLFormatException UnknownMandatory(int index, ReadOnlySpan<char> label) =>
        new(index, SenMLSyntax.Shorten(label), "unknown field that must be understood (its label ends with '_', RFC 8428 §4.4)");
}
