using BenchmarkDotNet.Attributes;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Benchmarks;

/// <summary>SenML JSON, 17,520 points, to and from UTF-8 bytes.</summary>
[MemoryDiagnoser]
[Config(typeof(PayloadBenchmarkConfig))]
public class SenMLJsonBenchmarks
{
    private byte[] json = null!;

    [GlobalSetup]
    public void Setup() => json = SenMLJsonCodec.Write(PayloadSeries.Records);

    [Benchmark]
    public byte[] Write() => SenMLJsonCodec.Write(PayloadSeries.Records);

    [Benchmark]
    public IReadOnlyList<SenMLRecord> Read() => SenMLJsonCodec.Read(json);
}
