using System.Xml.Linq;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// The <c>&lt;quoalise xmlns="urn:quoalise:0"&gt;</c> envelope to and from <see cref="QuoaliseData"/>.
/// Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <code>
/// &lt;quoalise xmlns="urn:quoalise:0"&gt;
///   &lt;data&gt;
///     &lt;meta&gt;
///       &lt;device type="electricity-meter"&gt;&lt;identifier authority="enedis" type="prm" value="30001610071843"/&gt;&lt;/device&gt;
///       &lt;measurement name="active-power" direction="consumption" quantity="power" type="electrical" unit="W" aggregation="mean" sampling-interval="PT30M"/&gt;
///     &lt;/meta&gt;
///     &lt;sensml xmlns="urn:ietf:params:xml:ns:senml"&gt;
///       &lt;senml bn="urn:dev:prm:30001610071843_consumption/power/active/raw" bt="1704067200" bu="W" v="342"/&gt;
///       &lt;senml t="1800" v="338"/&gt;
///     &lt;/sensml&gt;
///   &lt;/data&gt;
/// &lt;/quoalise&gt;
/// </code>
/// <c>&lt;meta&gt;</c> is always written, empty if need be: the Python client fails without it. A
/// <c>&lt;data&gt;</c> without records has no <c>&lt;sensml&gt;</c>, since a SenML pack holds at least one
/// record; the Python client reads that as no records. The Python client reads only the first
/// <c>&lt;data&gt;</c>, so callers that target it send one series per payload.
/// </remarks>
public static class QuoalisePayloadCodec
{
    /// <summary>Writes one <c>&lt;data&gt;</c> per item, in order.</summary>
    /// <exception cref="ArgumentException">No data, or a record or metadata that cannot be written (the message says which).</exception>
    public static XElement Write(IReadOnlyList<QuoaliseData> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("A <quoalise> payload holds at least one <data>.", nameof(data));
        }

        var quoalise = new XElement(QuoaliseNames.Quoalise);
        for (var i = 0; i < data.Count; i++)
        {
            var item = data[i] ?? throw new ArgumentException($"Data {i} is null.", nameof(data));
            ArgumentNullException.ThrowIfNull(item.Records, nameof(data));
            try
            {
                var element = new XElement(QuoaliseNames.Data, QuoaliseMetaCodec.Write(item.Meta));
                if (item.Records.Count > 0)
                {
                    element.Add(SenMLXmlCodec.Write(item.Records));
                }

                quoalise.Add(element);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Data {i}: {e.Message}", nameof(data), e);
            }
        }

        return quoalise;
    }

    /// <summary>Reads every <c>&lt;data&gt;</c>; relative SenML times resolve against <paramref name="timeProvider"/>.</summary>
    /// <exception cref="QuoaliseFormatException">The payload is malformed; the message says which data and what.</exception>
    public static IReadOnlyList<QuoaliseData> Read(XElement quoalise, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(quoalise);
        if (quoalise.Name != QuoaliseNames.Quoalise)
        {
            throw new QuoaliseFormatException($"Expected <quoalise xmlns=\"{QuoaliseNames.Namespace}\">, got {SenMLSyntax.Quote(quoalise.Name.ToString())}.");
        }

        var data = new List<QuoaliseData>();
        foreach (var child in quoalise.Elements())
        {
            if (child.Name != QuoaliseNames.Data)
            {
                throw new QuoaliseFormatException($"<quoalise> holds only <data>, not {SenMLSyntax.Quote(child.Name.ToString())}.");
            }

            try
            {
                data.Add(ReadData(child, timeProvider));
            }
            catch (FormatException e) when (e is QuoaliseFormatException or SenMLFormatException)
            {
                throw new QuoaliseFormatException($"<data> {data.Count}: {e.Message}", e);
            }
        }

        return data.Count > 0 ? data : throw new QuoaliseFormatException("<quoalise> has no <data>.");
    }

    private static QuoaliseData ReadData(XElement data, TimeProvider? timeProvider)
    {
        XElement? meta = null;
        XElement? sensml = null;
        foreach (var child in data.Elements())
        {
            if (child.Name == QuoaliseNames.Meta && meta is null)
            {
                meta = child;
            }
            else if (child.Name == SenMLNames.SensML && sensml is null)
            {
                sensml = child;
            }
            else
            {
                throw new QuoaliseFormatException($"unexpected {SenMLSyntax.Quote(child.Name.ToString())}: <data> holds one <meta> and at most one <sensml>.");
            }
        }

        if (meta is null)
        {
            throw new QuoaliseFormatException("<data> has no <meta>; every Quoalise data element carries one, even empty.");
        }

        return new QuoaliseData(
            QuoaliseMetaCodec.Read(meta),
            sensml is null ? [] : SenMLXmlCodec.Read(sensml, timeProvider));
    }
}
