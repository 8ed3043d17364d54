using Quoalise.Component.Hosting;
using Quoalise.Component.Storage;

// Settings files are still reloaded on change (XMPP settings apply live), but by polling those files: the default
// inotify watcher covers every folder under the content root, data/ included, where SQLite's writes kept a thread
// busy (3% of the component's CPU under MQTT load, docs/BENCHMARKS.md). Set before any file provider exists.
Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
var builder = WebApplication.CreateBuilder(args);
builder.AddQuoaliseComponent();
builder.AddOcppAdapter();
builder.AddMqttAdapter();

var app = builder.Build();
if (!ConfigurationCheck.TryValidate(app.Services, Console.Error))
{
    return ConfigurationCheck.InvalidConfigurationExitCode;
}

app.MapQuoaliseComponent();
if (args.FirstOrDefault() == "migrate")
{
    foreach (var step in await app.MigrateQuoaliseStorageAsync())
    {
        Console.WriteLine($"Applied {step.Owner} {step.Version:D4} {step.Name}");
    }

    return 0;
}

await app.RunAsync();
return 0;
