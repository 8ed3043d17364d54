using System.Collections.Frozen;
using System.Numerics;

namespace Quoalise.Protocol.Quoalise;

/// <summary>Maps SenML labels to <see cref="SenMLField"/> and back. Immutable and thread-safe.</summary>
/// <remarks>
/// Every RFC 8428 label is short ASCII, so a label packs into one 64-bit key (length, then up to seven
/// characters): the XML reader's strings and the JSON reader's UTF-8 bytes look up the same table without
/// decoding or hashing text. A longer or non-ASCII label is never an RFC 8428 one.
/// </remarks>
internal static class SenMLLabels
{
    private const int MaxPackedLength = 7;

    private static readonly (SenMLField Field, string Label)[] Table =
    [
        (SenMLField.BaseName, SenMLNames.BaseName),
        (SenMLField.BaseTime, SenMLNames.BaseTime),
        (SenMLField.BaseUnit, SenMLNames.BaseUnit),
        (SenMLField.BaseValue, SenMLNames.BaseValue),
        (SenMLField.BaseSum, SenMLNames.BaseSum),
        (SenMLField.BaseVersion, SenMLNames.BaseVersion),
        (SenMLField.Name, SenMLNames.Name),
        (SenMLField.Unit, SenMLNames.Unit),
        (SenMLField.Value, SenMLNames.Value),
        (SenMLField.StringValue, SenMLNames.StringValue),
        (SenMLField.BooleanValue, SenMLNames.BooleanValue),
        (SenMLField.DataValue, SenMLNames.DataValue),
        (SenMLField.Sum, SenMLNames.Sum),
        (SenMLField.Time, SenMLNames.Time),
        (SenMLField.UpdateTime, SenMLNames.UpdateTime),
    ];

    private static readonly FrozenDictionary<ulong, SenMLField> ByKey =
        Table.ToFrozenDictionary(e => Pack<char>(e.Label) ?? throw new InvalidOperationException(e.Label), e => e.Field);

    private static readonly string[] ByField = BuildByField();

    public static SenMLField Parse(ReadOnlySpan<char> label) => Parse<char>(label);

    /// <summary>Same as the other overload, for an unescaped UTF-8 JSON member name.</summary>
    public static SenMLField Parse(ReadOnlySpan<byte> utf8Label) => Parse<byte>(utf8Label);

    /// <summary>The label of a known field; empty for the unknown kinds.</summary>
    public static string Label(SenMLField field) => ByField[(int)field];

    private static SenMLField Parse<T>(ReadOnlySpan<T> label)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (Pack(label) is { } key && ByKey.TryGetValue(key, out var field))
        {
            return field;
        }

        return label.Length > 0 && label[^1] == T.CreateTruncating(SenMLNames.MandatorySuffix) ? SenMLField.UnknownMandatory : SenMLField.Unknown;
    }

    private static ulong? Pack<T>(ReadOnlySpan<T> label)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (label.Length is 0 or > MaxPackedLength)
        {
            return null;
        }

        var key = (ulong)label.Length;
        foreach (var unit in label)
        {
            var code = ulong.CreateTruncating(unit);
            if (code > 0x7F)
            {
                return null;
            }

            key = (key << 8) | code;
        }

        return key;
    }

    private static string[] BuildByField()
    {
        var labels = new string[Enum.GetValues<SenMLField>().Length];
        Array.Fill(labels, string.Empty);
        foreach (var (field, label) in Table)
        {
            labels[(int)field] = label;
        }

        return labels;
    }
}
