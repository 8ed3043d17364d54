using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Benchmarks;

/// <summary>SenML XML, 17,520 points: to and from XElement, and with the text step a stanza adds.</summary>
[MemoryDiagnoser]
[Config(typeof(PayloadBenchmarkConfig))]
public class SenMLXmlBenchmarks
{
    private XElement element = null!;
    private string text = null!;

    [GlobalSetup]
    public void Setup()
    {
        element = SenMLXmlCodec.Write(PayloadSeries.Records);
        text = element.ToString(SaveOptions.DisableFormatting);
    }

    [Benchmark]
    public XElement Write() => SenMLXmlCodec.Write(PayloadSeries.Records);

    [Benchmark]
    public string Write_and_serialize() => SenMLXmlCodec.Write(PayloadSeries.Records).ToString(SaveOptions.DisableFormatting);

    [Benchmark]
    public IReadOnlyList<SenMLRecord> Read() => SenMLXmlCodec.Read(element);

    [Benchmark]
    public IReadOnlyList<SenMLRecord> Parse_and_read() => SenMLXmlCodec.Read(XElement.Parse(text));
}
