using System.Collections.Frozen;

namespace Quoalise.Protocol.Quoalise;

/// <summary>Maps SenML labels to <see cref="SenMLField"/> and back. Immutable and thread-safe.</summary>
internal static class SenMLLabels
{
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

    // Span lookups so that readers need not allocate a string per label.
    private static readonly FrozenDictionary<string, SenMLField>.AlternateLookup<ReadOnlySpan<char>> ByLabel =
        Table.ToFrozenDictionary(e => e.Label, e => e.Field, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] ByField = BuildByField();

    public static SenMLField Parse(ReadOnlySpan<char> label) =>
        ByLabel.TryGetValue(label, out var field) ? field
        : label.Length > 0 && label[^1] == SenMLNames.MandatorySuffix ? SenMLField.UnknownMandatory
        : SenMLField.Unknown;

    /// <summary>The label of a known field; empty for the unknown kinds.</summary>
    public static string Label(SenMLField field) => ByField[(int)field];

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
