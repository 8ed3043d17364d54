namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// Writes resolved records as a compact pack, one sink call per field, after checking that each record
/// can be written (RFC 8428 rules, registered unit, absolute time). The base-field rules are those
/// <see cref="SenMLXmlCodec"/> documents; both representations share this one implementation.
/// Stateless and thread-safe.
/// </summary>
internal static class SenMLPackWriter
{
    private static readonly long MinAbsoluteTicks = DateTimeOffset.UnixEpoch.UtcTicks + (SenMLNames.RelativeTimeLimitSeconds * SenMLNumbers.TicksPerSecond);

    public static void Write<TSink>(IReadOnlyList<SenMLRecord> records, ref TSink sink)
        where TSink : struct, ISenMLRecordSink
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("A SenML pack holds at least one record (RFC 8428 §11).", nameof(records));
        }

        Validate(records);
        var baseName = BaseName(records);
        var baseTime = records[0].Time.UtcTicks;
        var baseUnit = BaseUnit(records);

        sink.StartPack();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            sink.StartRecord();
            if (i == 0)
            {
                if (baseName is not null)
                {
                    sink.WriteString(SenMLField.BaseName, baseName);
                }

                sink.WriteSeconds(SenMLField.BaseTime, baseTime - DateTimeOffset.UnixEpoch.UtcTicks);
                if (baseUnit is not null)
                {
                    sink.WriteString(SenMLField.BaseUnit, baseUnit);
                }
            }

            var prefix = baseName?.Length ?? 0;
            if (record.Name.Length > prefix)
            {
                sink.WriteString(SenMLField.Name, record.Name, prefix);
            }

            if (record.Unit is not null && !string.Equals(record.Unit, baseUnit, StringComparison.Ordinal))
            {
                sink.WriteString(SenMLField.Unit, record.Unit);
            }

            var offset = record.Time.UtcTicks - baseTime;
            if (offset != 0)
            {
                sink.WriteSeconds(SenMLField.Time, offset);
            }

            WriteValues(record, ref sink);
            sink.EndRecord();
        }

        sink.EndPack();
    }

    private static void WriteValues<TSink>(SenMLRecord record, ref TSink sink)
        where TSink : struct, ISenMLRecordSink
    {
        if (record.Value is { } value)
        {
            sink.WriteNumber(SenMLField.Value, value);
        }

        if (record.StringValue is { } stringValue)
        {
            sink.WriteString(SenMLField.StringValue, stringValue);
        }

        if (record.BooleanValue is { } booleanValue)
        {
            sink.WriteBoolean(SenMLField.BooleanValue, booleanValue);
        }

        if (record.DataValue is { } dataValue)
        {
            sink.WriteString(SenMLField.DataValue, dataValue);
        }

        if (record.Sum is { } sum)
        {
            sink.WriteNumber(SenMLField.Sum, sum);
        }

        if (record.UpdateTime is { } updateTime)
        {
            sink.WriteNumber(SenMLField.UpdateTime, updateTime);
        }
    }

    private static void Validate(IReadOnlyList<SenMLRecord> records)
    {
        string? lastValidName = null;
        string? lastRegisteredUnit = null;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw Invalid(i, "the record is null");
            if (!ReferenceEquals(record.Name, lastValidName))
            {
                if (record.Name is null || !SenMLSyntax.IsValidName(record.Name))
                {
                    throw Invalid(i, $"name {SenMLSyntax.Quote(record.Name)} {SenMLSyntax.NameRule}");
                }

                lastValidName = record.Name;
            }

            var valueKinds = (record.Value is null ? 0 : 1) + (record.StringValue is null ? 0 : 1)
                + (record.BooleanValue is null ? 0 : 1) + (record.DataValue is null ? 0 : 1);
            if (valueKinds > 1)
            {
                throw Invalid(i, "it carries more than one of Value, StringValue, BooleanValue and DataValue (RFC 8428 §4.2)");
            }

            if (!record.HasValueOrSum)
            {
                throw Invalid(i, "it has no value and no sum (RFC 8428 §4.2)");
            }

            if (!IsFinite(record.Value) || !IsFinite(record.Sum) || !IsFinite(record.UpdateTime))
            {
                throw Invalid(i, "it has a NaN or infinite number, which SenML cannot carry");
            }

            if (record.DataValue is { } data && !SenMLSyntax.IsBase64Url(data))
            {
                throw Invalid(i, "DataValue is not unpadded base64url (RFC 8428 §4.3)");
            }

            // Before 2**28 s a SenML time reads as relative to "now" (RFC 8428 §4.5.3).
            if (record.Time.UtcTicks < MinAbsoluteTicks)
            {
                throw Invalid(i, $"time {record.Time:O} is before 1978-07-04T21:24:16Z, which SenML would read as relative to now (RFC 8428 §4.5.3)");
            }

            if (record.Unit is { } unit && !ReferenceEquals(unit, lastRegisteredUnit))
            {
                if (!SenMLUnits.IsRegistered(unit))
                {
                    throw Invalid(i, $"unit {SenMLSyntax.Quote(unit)} is not a registered SenML unit (RFC 8428 §12.1, RFC 8798)");
                }

                lastRegisteredUnit = unit;
            }
        }
    }

    private static string? BaseName(IReadOnlyList<SenMLRecord> records)
    {
        var first = records[0].Name;
        var common = first.Length;
        var allSame = true;
        for (var i = 1; i < records.Count; i++)
        {
            var name = records[i].Name;
            if (ReferenceEquals(name, first))
            {
                continue;
            }

            common = first.AsSpan(0, common).CommonPrefixLength(name);
            allSame &= common == first.Length && name.Length == first.Length;
        }

        if (allSame)
        {
            return first;
        }

        var cut = first.AsSpan(0, common).LastIndexOfAny(SenMLSyntax.BaseNameSeparators);
        return cut < 0 ? null : first[..(cut + 1)];
    }

    private static string? BaseUnit(IReadOnlyList<SenMLRecord> records)
    {
        var first = records[0].Unit;
        if (first is null)
        {
            return null;
        }

        var allSame = true;
        for (var i = 1; i < records.Count; i++)
        {
            var unit = records[i].Unit;
            if (unit is null)
            {
                // bu would then give this record a unit it does not have.
                return null;
            }

            allSame &= string.Equals(unit, first, StringComparison.Ordinal);
        }

        return allSame ? first : MostFrequentUnit(records);
    }

    private static string MostFrequentUnit(IReadOnlyList<SenMLRecord> records)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            counts[record.Unit!] = counts.GetValueOrDefault(record.Unit!) + 1;
        }

        // Ties go to the unit seen first, so the choice does not depend on hashing.
        var max = counts.Values.Max();
        return records.First(r => counts[r.Unit!] == max).Unit!;
    }

    private static bool IsFinite(double? value) => value is not { } v || double.IsFinite(v);

    private static ArgumentException Invalid(int index, string problem) =>
        new($"SenML record {index} cannot be written: {problem}.", "records");
}
