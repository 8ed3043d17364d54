using Quoalise.Component.Hosting;
using Quoalise.Component.Storage;

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
