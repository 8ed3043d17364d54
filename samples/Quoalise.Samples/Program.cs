using Quoalise.Samples;

// dotnet run --project samples/Quoalise.Samples -- <sample> [options]
var samples = new Dictionary<string, Func<SampleOptions, CancellationToken, Task>>(StringComparer.Ordinal)
{
    ["readings"] = GreenhouseController.PublishReadingsAsync,
    ["mtls"] = GreenhouseController.PublishOverMutualTlsAsync,
    ["power-cut"] = GreenhouseController.PowerCutAsync,
};

if (args.Length == 0 || !samples.TryGetValue(args[0], out var sample))
{
    Console.Error.WriteLine($"Usage: Quoalise.Samples <{string.Join('|', samples.Keys)}> {SampleOptions.Usage}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await sample(SampleOptions.Parse(args[1..]), stop.Token);
return 0;
