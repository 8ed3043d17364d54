using System.Xml.Linq;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// Collects a <c>&lt;measurement&gt;</c> from its own attributes (second generation) and from its
/// <c>physical</c>/<c>business</c>/<c>aggregate</c>/<c>sampling</c> children (first generation). The same fact
/// given twice must agree. One instance per read; not thread-safe.
/// </summary>
internal sealed class MeasurementFields
{
    public string? Name;
    public string? Direction;
    public string? Quantity;
    public string? Type;
    public string? Unit;
    public string? Aggregation;
    public string? SamplingInterval;
    public string? Corrected;

    private readonly HashSet<XAttribute> taken = [];
    private readonly Dictionary<string, string> extraAttributes = new(StringComparer.Ordinal);

    public List<MetaElement> ExtraElements { get; } = [];

    /// <summary>Moves <paramref name="element"/>'s <paramref name="name"/> attribute, if any, into <paramref name="slot"/>.</summary>
    public void Take(XElement element, XName name, ref string? slot)
    {
        if (element.Attribute(name) is { } attribute)
        {
            Merge(ref slot, attribute.Value, name.LocalName);
            taken.Add(attribute);
        }
    }

    /// <summary>Keeps the attributes of <paramref name="element"/> that no <see cref="Take"/> claimed.</summary>
    public void KeepRest(XElement element)
    {
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || taken.Contains(attribute))
            {
                continue;
            }

            var key = attribute.Name.Namespace == XNamespace.None ? attribute.Name.LocalName : attribute.Name.ToString();
            var slot = extraAttributes.GetValueOrDefault(key);
            Merge(ref slot, attribute.Value, key);
            extraAttributes[key] = slot!;
        }
    }

    public MeasurementMeta ToMeasurement() =>
        new(Name, Direction, Quantity, Type, Unit, Aggregation, SamplingInterval)
        {
            Corrected = Corrected?.Trim() switch
            {
                null => null,
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new QuoaliseFormatException($"<measurement> corrected={SenMLSyntax.Quote(Corrected)} is not a boolean (true, false, 1 or 0)."),
            },
            ExtraAttributes = extraAttributes,
            ExtraElements = ExtraElements,
        };

    private static void Merge(ref string? slot, string value, string what)
    {
        if (slot is not null && !string.Equals(slot, value, StringComparison.Ordinal))
        {
            throw new QuoaliseFormatException($"<measurement> gives '{SenMLSyntax.Shorten(what)}' twice, as {SenMLSyntax.Quote(slot)} and {SenMLSyntax.Quote(value)}.");
        }

        slot = value;
    }
}
