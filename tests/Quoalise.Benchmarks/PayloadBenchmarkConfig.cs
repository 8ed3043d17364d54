using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Quoalise.Benchmarks;

/// <summary>
/// One short job for every payload benchmark: ten measured iterations rather than ShortRun's three, so that
/// the median means something on a small shared machine, and a median column.
/// </summary>
public sealed class PayloadBenchmarkConfig : ManualConfig
{
    public PayloadBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
        AddColumn(StatisticColumn.Median);
    }
}
