namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// Applies RFC 8428 §4.6 to the records of one pack, in order: base fields carry forward until a later
/// record changes them; names concatenate, times and sums add, <c>u</c> overrides <c>bu</c>, <c>bv</c> adds
/// to <c>v</c>. Also enforces the record-level rules (§4.2 one value or a sum, §4.4 version, §4.5.1 name).
/// One instance per read; not thread-safe.
/// </summary>
internal sealed class SenMLResolver(TimeProvider timeProvider)
{
    private static readonly long RelativeTimeLimitTicks = SenMLNames.RelativeTimeLimitSeconds * SenMLNumbers.TicksPerSecond;
    private static readonly long MinTicksSinceEpoch = DateTimeOffset.MinValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
    private static readonly long MaxTicksSinceEpoch = DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;

    private string? baseName;
    private long baseTime;
    private string? baseUnit;
    private double? baseValue;
    private double? baseSum;
    private int? version;
    private long? now;

    // Series repeat one name: validate a given string instance once.
    private string? lastValidName;

    public SenMLRecord Resolve(int index, in SenMLRawRecord raw)
    {
        ApplyBaseFields(index, raw);

        var name = ResolveName(index, raw.Name);
        var valueKinds = CountValueKinds(index, raw);

        // §4.5.4: a missing v or bv counts as zero, so a base value alone still gives a value, but only to a
        // record that carries no other kind of value. A base sum alone likewise gives a sum. Without a base,
        // the value is taken as is: 0 + -0.0 would lose the sign.
        double? value = raw.Value is { } v ? Add(baseValue, v) : valueKinds == 0 ? baseValue : null;
        double? sum = raw.Sum is { } s ? Add(baseSum, s) : baseSum;
        if (value is null && valueKinds == 0 && sum is null)
        {
            throw new SenMLFormatException(index, null, "it has no value (v, vs, vb or vd) and no sum (s), one of which RFC 8428 §4.2 requires");
        }

        if (value is { } resolvedValue && !double.IsFinite(resolvedValue))
        {
            throw new SenMLFormatException(index, SenMLNames.Value, "bv + v overflows a double");
        }

        if (sum is { } resolvedSum && !double.IsFinite(resolvedSum))
        {
            throw new SenMLFormatException(index, SenMLNames.Sum, "bs + s overflows a double");
        }

        return new SenMLRecord(
            name,
            ResolveTime(index, raw.Time),
            raw.Unit ?? baseUnit,
            value,
            raw.StringValue,
            raw.BooleanValue,
            raw.DataValue,
            sum,
            raw.UpdateTime);
    }

    private static double Add(double? baseNumber, double number) => baseNumber is { } b ? b + number : number;

    private void ApplyBaseFields(int index, in SenMLRawRecord raw)
    {
        if (raw.BaseVersion is { } bver)
        {
            if (bver < 1)
            {
                throw new SenMLFormatException(index, SenMLNames.BaseVersion, $"{bver} is not a positive version number");
            }

            // §4.4: a reader MUST NOT use a pack of a version newer than it understands.
            if (bver > SenMLNames.SupportedVersion)
            {
                throw new SenMLFormatException(index, SenMLNames.BaseVersion, $"version {bver} is newer than the supported version {SenMLNames.SupportedVersion}");
            }

            if (version is { } earlier && earlier != bver)
            {
                throw new SenMLFormatException(index, SenMLNames.BaseVersion, $"version {bver} differs from the earlier {earlier}; all records of a pack have one version");
            }

            version = bver;
        }

        baseName = raw.BaseName ?? baseName;
        baseTime = raw.BaseTime ?? baseTime;
        baseUnit = raw.BaseUnit ?? baseUnit;
        baseValue = raw.BaseValue ?? baseValue;
        baseSum = raw.BaseSum ?? baseSum;
    }

    private string ResolveName(int index, string? n)
    {
        var name = (baseName, n) switch
        {
            (null, null) => string.Empty,
            (null, _) => n,
            (_, null) => baseName,
            _ => string.Concat(baseName, n),
        };

        if (ReferenceEquals(name, lastValidName))
        {
            return name;
        }

        if (!SenMLSyntax.IsValidName(name))
        {
            var field = n is null ? SenMLNames.BaseName : SenMLNames.Name;
            throw new SenMLFormatException(
                index,
                field,
                name.Length == 0
                    ? "the record has no name (no bn in effect and no n)"
                    : $"name {SenMLSyntax.Quote(name)} {SenMLSyntax.NameRule}");
        }

        lastValidName = name;
        return name;
    }

    private static int CountValueKinds(int index, in SenMLRawRecord raw)
    {
        var kinds = 0;
        string? first = null;
        Count(raw.Value is not null, SenMLNames.Value);
        Count(raw.StringValue is not null, SenMLNames.StringValue);
        Count(raw.BooleanValue is not null, SenMLNames.BooleanValue);
        Count(raw.DataValue is not null, SenMLNames.DataValue);
        return kinds;

        void Count(bool present, string label)
        {
            if (!present)
            {
                return;
            }

            if (first is not null)
            {
                throw new SenMLFormatException(index, label, $"a record carries one value only, and this one already has '{first}' (RFC 8428 §4.2)");
            }

            first = label;
            kinds++;
        }
    }

    private DateTimeOffset ResolveTime(int index, long? t)
    {
        var ticks = baseTime + (t ?? 0);

        // §4.5.3: below 2**28 s the time is relative to "now", read once per pack.
        if (ticks < RelativeTimeLimitTicks)
        {
            now ??= timeProvider.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            ticks += now.Value;
        }

        if (ticks < MinTicksSinceEpoch || ticks > MaxTicksSinceEpoch)
        {
            throw new SenMLFormatException(index, t is null ? SenMLNames.BaseTime : SenMLNames.Time, "the resolved time is outside years 1 to 9999");
        }

        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + ticks, TimeSpan.Zero);
    }
}
