using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Quoalise.Benchmarks;

/// <summary>
/// Short jobs for every payload benchmark, with a median column: ten measured iterations rather than
/// ShortRun's three, so that the median means something on a small shared machine. The second job only
/// enlarges the GC's first generation: a decoded series is 2 MB of objects that all survive, so on a
/// machine whose cache size gives a small gen0 budget, garbage collection is a large share of the time.
/// </summary>
public sealed class PayloadBenchmarkConfig : ManualConfig
{
    public PayloadBenchmarkConfig()
    {
        var job = Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10);
        AddJob(job.WithId("Default GC"));
        AddJob(job.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCgen0size", "0x4000000")).WithId("Gen0 64 MB"));
        AddColumn(StatisticColumn.Median);
    }
}
