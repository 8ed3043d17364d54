using System.Xml;
using System.Xml.Linq;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// <c>&lt;meta&gt;</c> to and from <see cref="QuoaliseMeta"/>. Writes the flattened second generation;
/// reads both generations into the same model. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Written (attributes only when set):
/// <code>
/// &lt;meta&gt;
///   &lt;device type="electricity-meter"&gt;&lt;identifier authority="enedis" type="prm" value="30001610071843"/&gt;&lt;/device&gt;
///   &lt;measurement name="active-power" direction="consumption" quantity="power" type="electrical"
///                unit="W" aggregation="mean" sampling-interval="PT30M"/&gt;
/// &lt;/meta&gt;
/// </code>
/// Also read, first generation (data-connect-proxy, 2020):
/// <code>
/// &lt;measurement&gt;
///   &lt;physical quantity="power" type="electrical" unit="W"/&gt;&lt;business graph="load-profile" direction="production"/&gt;
///   &lt;aggregate type="average"/&gt;&lt;sampling interval="PT30M"/&gt;
/// &lt;/measurement&gt;
/// </code>
/// </remarks>
internal static class QuoaliseMetaCodec
{
    private static readonly XNamespace XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    public static XElement Write(QuoaliseMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var element = new XElement(QuoaliseNames.Meta);
        if (meta.Device is { } device)
        {
            element.Add(WriteDevice(device));
        }

        if (meta.Measurement is { } measurement)
        {
            element.Add(WriteMeasurement(measurement));
        }

        return AddExtras(element, meta);
    }

    public static QuoaliseMeta Read(XElement meta)
    {
        DeviceMeta? device = null;
        MeasurementMeta? measurement = null;
        var extraElements = new List<MetaElement>();
        foreach (var child in meta.Elements())
        {
            if (child.Name == QuoaliseNames.Device)
            {
                device = device is null ? ReadDevice(child) : throw Twice(QuoaliseNames.Device, QuoaliseNames.Meta);
            }
            else if (child.Name == QuoaliseNames.Measurement)
            {
                measurement = measurement is null ? ReadMeasurement(child) : throw Twice(QuoaliseNames.Measurement, QuoaliseNames.Meta);
            }
            else
            {
                extraElements.Add(ReadUnknown(child));
            }
        }

        return new QuoaliseMeta(device, measurement) { ExtraAttributes = ReadAttributes(meta, static _ => false), ExtraElements = extraElements };
    }

    private static XElement WriteDevice(DeviceMeta device)
    {
        ArgumentException.ThrowIfNullOrEmpty(device.Type, nameof(device));
        var element = new XElement(QuoaliseNames.Device, new XAttribute(QuoaliseNames.TypeAttribute, device.Type));
        foreach (var identifier in device.Identifiers)
        {
            ArgumentNullException.ThrowIfNull(identifier, nameof(device));
            element.Add(AddExtras(
                new XElement(
                    QuoaliseNames.Identifier,
                    new XAttribute(QuoaliseNames.AuthorityAttribute, identifier.Authority),
                    new XAttribute(QuoaliseNames.TypeAttribute, identifier.Type),
                    new XAttribute(QuoaliseNames.ValueAttribute, identifier.Value)),
                identifier));
        }

        return AddExtras(element, device);
    }

    private static XElement WriteMeasurement(MeasurementMeta measurement)
    {
        if (measurement.Unit is { } unit && !SenMLUnits.IsRegistered(unit))
        {
            throw new ArgumentException($"Measurement unit {SenMLSyntax.Quote(unit)} is not a registered SenML unit (RFC 8428 §12.1, RFC 8798).", nameof(measurement));
        }

        if (measurement.SamplingInterval is { } interval && !IsDuration(interval))
        {
            throw new ArgumentException($"Sampling interval {SenMLSyntax.Quote(interval)} is not an ISO 8601 duration such as PT30M.", nameof(measurement));
        }

        var element = new XElement(QuoaliseNames.Measurement);
        AddOptional(element, QuoaliseNames.NameAttribute, measurement.Name);
        AddOptional(element, QuoaliseNames.DirectionAttribute, measurement.Direction);
        AddOptional(element, QuoaliseNames.QuantityAttribute, measurement.Quantity);
        AddOptional(element, QuoaliseNames.TypeAttribute, measurement.Type);
        AddOptional(element, QuoaliseNames.UnitAttribute, measurement.Unit);
        AddOptional(element, QuoaliseNames.AggregationAttribute, measurement.Aggregation);
        AddOptional(element, QuoaliseNames.SamplingIntervalAttribute, measurement.SamplingInterval);
        AddOptional(element, QuoaliseNames.CorrectedAttribute, measurement.Corrected is { } corrected ? XmlConvert.ToString(corrected) : null);
        return AddExtras(element, measurement);
    }

    private static DeviceMeta ReadDevice(XElement device)
    {
        var identifiers = new List<DeviceIdentifier>();
        var extraElements = new List<MetaElement>();
        foreach (var child in device.Elements())
        {
            if (child.Name == QuoaliseNames.Identifier)
            {
                identifiers.Add(new DeviceIdentifier(
                    Required(child, QuoaliseNames.AuthorityAttribute),
                    Required(child, QuoaliseNames.TypeAttribute),
                    Required(child, QuoaliseNames.ValueAttribute))
                {
                    ExtraAttributes = ReadAttributes(child, static n => n == QuoaliseNames.AuthorityAttribute || n == QuoaliseNames.TypeAttribute || n == QuoaliseNames.ValueAttribute),
                    ExtraElements = child.Elements().Select(ReadUnknown).ToList(),
                });
            }
            else
            {
                extraElements.Add(ReadUnknown(child));
            }
        }

        return new DeviceMeta(Required(device, QuoaliseNames.TypeAttribute), identifiers)
        {
            ExtraAttributes = ReadAttributes(device, static n => n == QuoaliseNames.TypeAttribute),
            ExtraElements = extraElements,
        };
    }

    private static MeasurementMeta ReadMeasurement(XElement measurement)
    {
        var fields = new MeasurementFields();
        fields.Take(measurement, QuoaliseNames.NameAttribute, ref fields.Name);
        fields.Take(measurement, QuoaliseNames.DirectionAttribute, ref fields.Direction);
        fields.Take(measurement, QuoaliseNames.QuantityAttribute, ref fields.Quantity);
        fields.Take(measurement, QuoaliseNames.TypeAttribute, ref fields.Type);
        fields.Take(measurement, QuoaliseNames.UnitAttribute, ref fields.Unit);
        fields.Take(measurement, QuoaliseNames.AggregationAttribute, ref fields.Aggregation);
        fields.Take(measurement, QuoaliseNames.SamplingIntervalAttribute, ref fields.SamplingInterval);
        fields.Take(measurement, QuoaliseNames.CorrectedAttribute, ref fields.Corrected);
        fields.KeepRest(measurement);

        // First generation: the same facts nested one element deeper.
        foreach (var child in measurement.Elements())
        {
            if (child.Name == QuoaliseNames.Physical)
            {
                fields.Take(child, QuoaliseNames.QuantityAttribute, ref fields.Quantity);
                fields.Take(child, QuoaliseNames.TypeAttribute, ref fields.Type);
                fields.Take(child, QuoaliseNames.UnitAttribute, ref fields.Unit);
            }
            else if (child.Name == QuoaliseNames.Business)
            {
                fields.Take(child, QuoaliseNames.DirectionAttribute, ref fields.Direction);
            }
            else if (child.Name == QuoaliseNames.Aggregate)
            {
                fields.Take(child, QuoaliseNames.TypeAttribute, ref fields.Aggregation);
            }
            else if (child.Name == QuoaliseNames.Sampling)
            {
                fields.Take(child, QuoaliseNames.IntervalAttribute, ref fields.SamplingInterval);
            }
            else
            {
                fields.ExtraElements.Add(ReadUnknown(child));
                continue;
            }

            fields.KeepRest(child);
            fields.ExtraElements.AddRange(child.Elements().Select(ReadUnknown));
        }

        return fields.ToMeasurement();
    }

    private static MetaElement ReadUnknown(XElement element)
    {
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));
        return new MetaElement(element.Name.NamespaceName, element.Name.LocalName)
        {
            Attributes = ReadAttributes(element, static _ => false),
            Children = element.Elements().Select(ReadUnknown).ToList(),
            Text = string.IsNullOrWhiteSpace(text) ? null : text,
        };
    }

    private static XElement WriteUnknown(MetaElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var written = new XElement(XName.Get(element.Name, element.Namespace));
        AddAttributes(written, element.Attributes);
        foreach (var child in element.Children)
        {
            written.Add(WriteUnknown(child));
        }

        if (element.Text is not null)
        {
            written.Add(new XText(element.Text));
        }

        return written;
    }

    private static XElement AddExtras(XElement element, ExtensibleMeta node)
    {
        AddAttributes(element, node.ExtraAttributes);
        foreach (var extra in node.ExtraElements)
        {
            element.Add(WriteUnknown(extra));
        }

        return element;
    }

    private static void AddAttributes(XElement element, IReadOnlyDictionary<string, string> attributes)
    {
        foreach (var (key, value) in attributes)
        {
            var name = XName.Get(key);
            if (name.Namespace == XmlnsNamespace || (name.Namespace == XNamespace.None && name.LocalName == "xmlns"))
            {
                throw new ArgumentException($"Extra attribute {SenMLSyntax.Quote(key)} would declare a namespace.", nameof(attributes));
            }

            if (element.Attribute(name) is not null)
            {
                throw new ArgumentException($"Extra attribute {SenMLSyntax.Quote(key)} of <{element.Name.LocalName}> repeats a known attribute.", nameof(attributes));
            }

            element.Add(new XAttribute(name, value));
        }
    }

    private static void AddOptional(XElement element, XName name, string? value)
    {
        if (value is not null)
        {
            element.Add(new XAttribute(name, value));
        }
    }

    /// <summary>Attributes not in the known set, keyed as <see cref="ExtensibleMeta.ExtraAttributes"/> documents.</summary>
    private static Dictionary<string, string> ReadAttributes(XElement element, Func<XName, bool> isKnown)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in element.Attributes())
        {
            if (!attribute.IsNamespaceDeclaration && !isKnown(attribute.Name))
            {
                extra[Key(attribute.Name)] = attribute.Value;
            }
        }

        return extra;
    }

    private static string Key(XName name) => name.Namespace == XNamespace.None ? name.LocalName : name.ToString();

    private static string Required(XElement element, XName attribute) =>
        element.Attribute(attribute)?.Value
        ?? throw new QuoaliseFormatException($"<{element.Name.LocalName}> has no '{attribute.LocalName}' attribute.");

    private static QuoaliseFormatException Twice(XName child, XName parent) =>
        new($"<{parent.LocalName}> has more than one <{child.LocalName}>.");

    private static bool IsDuration(string value)
    {
        try
        {
            XmlConvert.ToTimeSpan(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return false;
        }
    }
}
