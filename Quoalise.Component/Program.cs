using Quoalise.Component.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddQuoaliseComponent();

var app = builder.Build();
if (!ConfigurationCheck.TryValidate(app.Services, Console.Error))
{
    return ConfigurationCheck.InvalidConfigurationExitCode;
}

app.MapQuoaliseComponent();
await app.RunAsync();
return 0;
