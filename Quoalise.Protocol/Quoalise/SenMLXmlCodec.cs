using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// SenML XML (RFC 8428 §7) to and from resolved <see cref="SenMLRecord"/>s. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// The start of a 30-minute load curve, as written:
/// <code>
/// &lt;sensml xmlns="urn:ietf:params:xml:ns:senml"&gt;
///   &lt;senml bn="urn:dev:prm:30001610071843_consumption/power/active/raw" bt="1704067200" bu="W" v="342"/&gt;
///   &lt;senml t="1800" v="338.5"/&gt;
///   &lt;senml t="3600.000001" v="-0.1"/&gt;
/// &lt;/sensml&gt;
/// </code>
/// <para>Writing puts base fields on the first record only:</para>
/// <list type="bullet">
/// <item><c>bn</c>: the name every record shares; otherwise their longest common prefix cut after its last
/// <c>:</c>, <c>/</c> or <c>_</c> (<c>urn:dev:prm:30001610071843_</c>), each record writing the rest as
/// <c>n</c>; no <c>bn</c> when the prefix holds no such separator.</item>
/// <item><c>bt</c>: the first record's time; each record writes its offset from it as <c>t</c>, omitted when 0.</item>
/// <item><c>bu</c>: when every record has a unit, the most frequent one (on a tie, the one seen first); a
/// record with another unit writes its own <c>u</c>, which overrides <c>bu</c>.</item>
/// </list>
/// <para><c>bv</c>, <c>bs</c> and <c>bver</c> are never written: a base value would round values, and
/// version 10 is the default. Numbers are invariant and round-trip exactly: values in shortest double form
/// (<c>342</c>, <c>0.1</c>, <c>1e+20</c>), times as exact decimal seconds, down to 100 ns. Writing refuses
/// (<see cref="ArgumentException"/> naming the record) an empty list, an invalid name, no value and no sum,
/// two value kinds, NaN or infinity, a unit in neither SenML registry (<see cref="SenMLUnits"/>), and a time
/// before 1978-07-04T21:24:16Z, which SenML would read as relative.</para>
/// <para>Reading resolves base fields (RFC 8428 §4.6) and keeps the records in document order, even when
/// that order is not chronological; it accepts any unit.</para>
/// </remarks>
public static class SenMLXmlCodec
{
    private static readonly XName[] AttributeNames = BuildAttributeNames();

    /// <summary>Writes a pack. Throws <see cref="ArgumentException"/> for records SenML cannot carry (see remarks).</summary>
    public static XElement Write(IReadOnlyList<SenMLRecord> records)
    {
        var sink = default(XmlSink);
        SenMLPackWriter.Write(records, ref sink);
        return sink.Pack!;
    }

    /// <summary>
    /// Reads a <c>&lt;sensml&gt;</c> element into resolved records. Times below 2**28 s are relative to
    /// <paramref name="timeProvider"/>'s now (RFC 8428 §4.5.3), <see cref="TimeProvider.System"/> by default.
    /// An empty <c>&lt;sensml/&gt;</c>, which the Python implementations send for no data, gives no records.
    /// </summary>
    /// <exception cref="SenMLFormatException">The pack breaks RFC 8428; the message names the record and field.</exception>
    public static IReadOnlyList<SenMLRecord> Read(XElement sensml, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(sensml);
        if (sensml.Name != SenMLNames.SensML)
        {
            throw new SenMLFormatException(null, null, $"the root is {SenMLSyntax.Quote(sensml.Name.ToString())}, not {{{SenMLNames.Namespace}}}sensml");
        }

        var resolver = new SenMLResolver(timeProvider ?? TimeProvider.System);
        var records = new List<SenMLRecord>(sensml.Elements().Count());
        foreach (var node in sensml.Nodes())
        {
            switch (node)
            {
                case XElement element when element.Name == SenMLNames.SenML:
                    var raw = ReadFields(records.Count, element);
                    records.Add(resolver.Resolve(records.Count, raw));
                    break;
                case XElement element:
                    throw new SenMLFormatException(records.Count, null, $"{SenMLSyntax.Quote(element.Name.ToString())} is not a senml record element");
                case XText text when !string.IsNullOrWhiteSpace(text.Value):
                    throw new SenMLFormatException(records.Count, null, $"text {SenMLSyntax.Quote(text.Value.Trim())} between records");
            }
        }

        return records;
    }

    private static SenMLRawRecord ReadFields(int index, XElement element)
    {
        var raw = default(SenMLRawRecord);
        for (var attribute = element.FirstAttribute; attribute is not null; attribute = attribute.NextAttribute)
        {
            // Namespace declarations and qualified attributes are not SenML fields.
            if (attribute.IsNamespaceDeclaration || attribute.Name.NamespaceName.Length != 0)
            {
                continue;
            }

            var label = attribute.Name.LocalName;
            var text = attribute.Value;
            switch (SenMLLabels.Parse(label))
            {
                case SenMLField.BaseName: raw.BaseName = text; break;
                case SenMLField.BaseTime: raw.BaseTime = Seconds(index, label, text); break;
                case SenMLField.BaseUnit: raw.BaseUnit = text; break;
                case SenMLField.BaseValue: raw.BaseValue = Number(index, label, text); break;
                case SenMLField.BaseSum: raw.BaseSum = Number(index, label, text); break;
                case SenMLField.BaseVersion: raw.BaseVersion = Integer(index, label, text); break;
                case SenMLField.Name: raw.Name = text; break;
                case SenMLField.Unit: raw.Unit = text; break;
                case SenMLField.Value: raw.Value = Number(index, label, text); break;
                case SenMLField.StringValue: raw.StringValue = text; break;
                case SenMLField.BooleanValue: raw.BooleanValue = Boolean(index, label, text); break;
                case SenMLField.DataValue: raw.DataValue = SenMLReadRules.DataValue(index, text); break;
                case SenMLField.Sum: raw.Sum = Number(index, label, text); break;
                case SenMLField.Time: raw.Time = Seconds(index, label, text); break;
                case SenMLField.UpdateTime: raw.UpdateTime = Number(index, label, text); break;
                case SenMLField.UnknownMandatory: throw SenMLReadRules.UnknownMandatory(index, label);
                case SenMLField.Unknown: break;
            }
        }

        return raw;
    }

    private static double Number(int index, string label, string text) =>
        SenMLNumbers.TryParseDouble(text, out var value) ? value : throw SenMLReadRules.NotANumber(index, label, text);

    private static long Seconds(int index, string label, string text) =>
        SenMLReadRules.Seconds(index, label, SenMLNumbers.TryParseSeconds(text, out var ticks), ticks, text);

    // xs:int: whitespace is collapsed, a sign is allowed.
    private static int Integer(int index, string label, string text) =>
        int.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SenMLFormatException(index, label, $"{SenMLSyntax.Quote(text)} is not an integer");

    // xs:boolean: true, false, 1 or 0.
    private static bool Boolean(int index, string label, string text) => text.AsSpan().Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new SenMLFormatException(index, label, $"{SenMLSyntax.Quote(text)} is not a boolean (true, false, 1 or 0)"),
    };

    private static XName[] BuildAttributeNames()
    {
        var fields = Enum.GetValues<SenMLField>();
        var names = new XName[fields.Length];
        foreach (var field in fields)
        {
            var label = SenMLLabels.Label(field);
            if (label.Length > 0)
            {
                names[(int)field] = XName.Get(label);
            }
        }

        return names;
    }

    /// <summary>Builds one <c>&lt;senml&gt;</c> per record, each field an attribute.</summary>
    private struct XmlSink : ISenMLRecordSink
    {
        private XElement? record;

        public XElement? Pack { get; private set; }

        public void StartPack() => Pack = new XElement(SenMLNames.SensML);

        public void StartRecord() => record = new XElement(SenMLNames.SenML);

        public readonly void WriteString(SenMLField field, string value, int start) =>
            Add(field, start == 0 ? value : value[start..]);

        public readonly void WriteNumber(SenMLField field, double value) => Add(field, SenMLNumbers.FormatDouble(value));

        public readonly void WriteSeconds(SenMLField field, long ticks) => Add(field, SenMLNumbers.FormatSeconds(ticks));

        public readonly void WriteBoolean(SenMLField field, bool value) => Add(field, XmlConvert.ToString(value));

        public readonly void EndRecord() => Pack!.Add(record);

        public readonly void EndPack()
        {
            // Each record joined the pack when it ended: nothing is left to close.
        }

        private readonly void Add(SenMLField field, string value) => record!.Add(new XAttribute(AttributeNames[(int)field], value));
    }
}
