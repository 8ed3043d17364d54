using Quoalise.Adapters;
using Quoalise.Protocol.Commands;

namespace Quoalise.Component.Hosting;

/// <summary>
/// Runs once, before the host starts: lets every adapter register, freezes the command registry, and
/// maps the adapters' HTTP endpoints. A duplicate command node or migration owner stops start-up.
/// </summary>
public static class AdapterLoader
{
    public static WebApplication UseQuoaliseAdapters(this WebApplication app)
    {
        var registrations = app.Services.GetRequiredService<AdapterRegistrations>();
        foreach (var adapter in app.Services.GetServices<IQuoaliseAdapter>())
        {
            registrations.Load(adapter);
        }

        app.Services.GetRequiredService<CommandRegistry>().Freeze();
        foreach (var map in registrations.Endpoints)
        {
            map(app);
        }

        return app;
    }
}
