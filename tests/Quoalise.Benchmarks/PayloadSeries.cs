using Quoalise.Protocol.Quoalise;

namespace Quoalise.Benchmarks;

/// <summary>
/// A year of 30-minute load-curve points (17,520), the size the payload codecs must handle in under
/// 10 ms. Values have one decimal, times start at a whole second, as Enedis curves do. Immutable.
/// </summary>
public static class PayloadSeries
{
    public const int Points = 17_520;

    public static IReadOnlyList<SenMLRecord> Records { get; } = Build();

    public static QuoaliseData Data { get; } = new(
        new QuoaliseMeta(
            new DeviceMeta("electricity-meter", [new DeviceIdentifier("enedis", "prm", "30001610071843")]),
            new MeasurementMeta("active-power", "consumption", "power", "electrical", "W", "mean", "PT30M")),
        Records);

    private static SenMLRecord[] Build()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(8428);
        return Enumerable.Range(0, Points)
            .Select(i => new SenMLRecord(
                "urn:dev:prm:30001610071843_consumption/power/active/raw",
                start.AddMinutes(30 * i),
                "W",
                Math.Round(random.NextDouble() * 9000, 1)))
            .ToArray();
    }
}
