using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// SenML JSON (RFC 8428 §5, <c>application/senml+json</c>) to and from resolved <see cref="SenMLRecord"/>s.
/// Same base-field, number and validation rules as <see cref="SenMLXmlCodec"/>. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <code>
/// [{"bn":"urn:dev:prm:30001610071843_consumption/power/active/raw","bt":1704067200,"bu":"W","v":342},
///  {"t":1800,"v":338.5},
///  {"t":3600.000001,"v":-0.1}]
/// </code>
/// </remarks>
public static class SenMLJsonCodec
{
    private static readonly JsonEncodedText[] PropertyNames = BuildPropertyNames();

    // Output is data, never inlined into HTML: keep non-ASCII names and units readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Writes a pack as UTF-8 JSON. Throws <see cref="ArgumentException"/> for records SenML cannot carry.</summary>
    public static byte[] Write(IReadOnlyList<SenMLRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);

        // Enough for a year-long series record ({"t":31534200,"v":1234.5},) so the buffer need not grow.
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, records.Count * 32));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, records);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes a pack (one JSON array) to <paramref name="writer"/>, which the caller flushes. Nothing is
    /// written when a record is refused.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<SenMLRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var sink = new JsonSink(writer);
        SenMLPackWriter.Write(records, ref sink);
    }

    /// <summary>
    /// Reads a UTF-8 JSON pack into resolved records, relative times against <paramref name="timeProvider"/>
    /// (<see cref="TimeProvider.System"/> by default). An empty array gives no records.
    /// </summary>
    /// <exception cref="SenMLFormatException">Not JSON, or a pack RFC 8428 does not allow; the message names the record and field.</exception>
    public static IReadOnlyList<SenMLRecord> Read(ReadOnlySpan<byte> utf8Json, TimeProvider? timeProvider = null)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        var resolver = new SenMLResolver(timeProvider ?? TimeProvider.System);

        // A series record takes at least 16 bytes; a larger guess would waste more than growing costs.
        var records = new List<SenMLRecord>(utf8Json.Length / 16);
        var inArray = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new SenMLFormatException(null, null, "a SenML JSON pack is an array of records");
            }

            inArray = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var raw = ReadRecord(records.Count, ref reader);
                records.Add(resolver.Resolve(records.Count, raw));
            }

            // Reading past the end makes the reader reject trailing content.
            inArray = false;
            reader.Read();
        }
        catch (JsonException e)
        {
            throw new SenMLFormatException(inArray ? records.Count : null, null, $"not valid JSON: {e.Message}");
        }

        return records;
    }

    private static SenMLRawRecord ReadRecord(int index, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new SenMLFormatException(index, null, $"a record is a JSON object, not {reader.TokenType}");
        }

        var raw = default(SenMLRawRecord);
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // An escaped name ("\u0076") is rare enough to be decoded into a string first.
            var field = reader.ValueIsEscaped ? SenMLLabels.Parse(reader.GetString()) : SenMLLabels.Parse(reader.ValueSpan);
            if (field == SenMLField.UnknownMandatory)
            {
                throw SenMLReadRules.UnknownMandatory(index, reader.GetString());
            }

            reader.Read();

            if (field != SenMLField.Unknown)
            {
                var bit = 1 << (int)field;
                if ((seen & bit) != 0)
                {
                    throw new SenMLFormatException(index, SenMLLabels.Label(field), "the field appears twice");
                }

                seen |= bit;
            }

            switch (field)
            {
                case SenMLField.BaseName: raw.BaseName = String(index, field, ref reader); break;
                case SenMLField.BaseTime: raw.BaseTime = Seconds(index, field, ref reader); break;
                case SenMLField.BaseUnit: raw.BaseUnit = String(index, field, ref reader); break;
                case SenMLField.BaseValue: raw.BaseValue = Number(index, field, ref reader); break;
                case SenMLField.BaseSum: raw.BaseSum = Number(index, field, ref reader); break;
                case SenMLField.BaseVersion: raw.BaseVersion = Integer(index, field, ref reader); break;
                case SenMLField.Name: raw.Name = String(index, field, ref reader); break;
                case SenMLField.Unit: raw.Unit = String(index, field, ref reader); break;
                case SenMLField.Value: raw.Value = Number(index, field, ref reader); break;
                case SenMLField.StringValue: raw.StringValue = String(index, field, ref reader); break;
                case SenMLField.BooleanValue: raw.BooleanValue = Boolean(index, field, ref reader); break;
                case SenMLField.DataValue: raw.DataValue = SenMLReadRules.DataValue(index, String(index, field, ref reader)); break;
                case SenMLField.Sum: raw.Sum = Number(index, field, ref reader); break;
                case SenMLField.Time: raw.Time = Seconds(index, field, ref reader); break;
                case SenMLField.UpdateTime: raw.UpdateTime = Number(index, field, ref reader); break;
                case SenMLField.Unknown: reader.Skip(); break;
            }
        }

        return raw;
    }

    private static string String(int index, SenMLField field, ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongType(index, field, "a string", reader.TokenType);

    private static double Number(int index, SenMLField field, ref Utf8JsonReader reader)
    {
        RequireNumber(index, field, ref reader);
        return reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw SenMLReadRules.NotANumber(index, SenMLLabels.Label(field), NumberText(ref reader));
    }

    private static long Seconds(int index, SenMLField field, ref Utf8JsonReader reader)
    {
        RequireNumber(index, field, ref reader);
        // JSON numbers are ASCII: widen the bytes on the stack rather than decode into a string.
        Span<char> text = stackalloc char[SenMLNumbers.MaxFormattedLength];
        text = Ascii.ToUtf16(reader.ValueSpan, text, out var written) == OperationStatus.Done
            ? text[..written]
            : NumberText(ref reader).ToCharArray();

        return SenMLReadRules.Seconds(index, SenMLLabels.Label(field), SenMLNumbers.TryParseSeconds(text, out var ticks), ticks, text);
    }

    private static int Integer(int index, SenMLField field, ref Utf8JsonReader reader)
    {
        RequireNumber(index, field, ref reader);
        return reader.TryGetInt32(out var value)
            ? value
            : throw new SenMLFormatException(index, SenMLLabels.Label(field), $"{SenMLSyntax.Quote(NumberText(ref reader))} is not an integer");
    }

    private static bool Boolean(int index, SenMLField field, ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw WrongType(index, field, "true or false", reader.TokenType),
    };

    private static void RequireNumber(int index, SenMLField field, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw WrongType(index, field, "a number", reader.TokenType);
        }
    }

    private static string NumberText(ref Utf8JsonReader reader) => Encoding.ASCII.GetString(reader.ValueSpan);

    private static SenMLFormatException WrongType(int index, SenMLField field, string expected, JsonTokenType actual) =>
        new(index, SenMLLabels.Label(field), $"must be {expected}, not {actual}");

    private static JsonEncodedText[] BuildPropertyNames()
    {
        var fields = Enum.GetValues<SenMLField>();
        var names = new JsonEncodedText[fields.Length];
        foreach (var field in fields)
        {
            names[(int)field] = JsonEncodedText.Encode(SenMLLabels.Label(field));
        }

        return names;
    }

    /// <summary>Writes one JSON object per record; numbers are written raw so that exponents stay lower-case.</summary>
    private readonly struct JsonSink(Utf8JsonWriter writer) : ISenMLRecordSink
    {
        public void StartPack() => writer.WriteStartArray();

        public void StartRecord() => writer.WriteStartObject();

        public void WriteString(SenMLField field, string value, int start) =>
            writer.WriteString(PropertyNames[(int)field], value.AsSpan(start));

        public void WriteNumber(SenMLField field, double value)
        {
            Span<char> buffer = stackalloc char[SenMLNumbers.MaxFormattedLength];
            writer.WritePropertyName(PropertyNames[(int)field]);
            writer.WriteRawValue(buffer[..SenMLNumbers.FormatDouble(value, buffer)], skipInputValidation: true);
        }

        public void WriteSeconds(SenMLField field, long ticks)
        {
            Span<char> buffer = stackalloc char[SenMLNumbers.MaxFormattedLength];
            writer.WritePropertyName(PropertyNames[(int)field]);
            writer.WriteRawValue(buffer[..SenMLNumbers.FormatSeconds(ticks, buffer)], skipInputValidation: true);
        }

        public void WriteBoolean(SenMLField field, bool value) => writer.WriteBoolean(PropertyNames[(int)field], value);

        public void EndRecord() => writer.WriteEndObject();

        public void EndPack() => writer.WriteEndArray();
    }
}
