namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>Tests on a fresh pipeline per test, with greenhouse 1, bed 1 registered.</summary>
public abstract class OneBedPipelineTests
{
    internal PipelineHarness Harness { get; private set; } = null!;

    [SetUp]
    public async Task StartHarnessAsync()
    {
        Harness = new PipelineHarness();
        await Harness.RegisterAsync(1, 1);
    }

    [TearDown]
    public async Task StopHarnessAsync() => await Harness.DisposeAsync();
}
