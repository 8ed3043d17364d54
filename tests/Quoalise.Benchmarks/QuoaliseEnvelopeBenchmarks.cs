using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Benchmarks;

/// <summary>The whole <c>&lt;quoalise&gt;</c> payload (meta and 17,520 points), as a command result carries it.</summary>
[MemoryDiagnoser]
[Config(typeof(PayloadBenchmarkConfig))]
public class QuoaliseEnvelopeBenchmarks
{
    private readonly QuoaliseData[] data = [PayloadSeries.Data];
    private XElement element = null!;
    private string text = null!;

    [GlobalSetup]
    public void Setup()
    {
        element = QuoalisePayloadCodec.Write(data);
        text = element.ToString(SaveOptions.DisableFormatting);
    }

    [Benchmark]
    public XElement Write() => QuoalisePayloadCodec.Write(data);

    [Benchmark]
    public string Write_and_serialize() => QuoalisePayloadCodec.Write(data).ToString(SaveOptions.DisableFormatting);

    [Benchmark]
    public IReadOnlyList<QuoaliseData> Read() => QuoalisePayloadCodec.Read(element);

    [Benchmark]
    public IReadOnlyList<QuoaliseData> Parse_and_read() => QuoalisePayloadCodec.Read(XElement.Parse(text));
}
