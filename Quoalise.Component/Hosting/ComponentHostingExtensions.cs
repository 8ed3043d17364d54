using System.Reflection;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Access;
using Quoalise.Adapters.Messaging;
using Quoalise.Component.Access;
using Quoalise.Component.Auditing;
using Quoalise.Component.Messaging;
using Quoalise.Component.Operations;
using Quoalise.Component.Series;
using Quoalise.Component.Services;
using Quoalise.Component.Storage;
using Quoalise.Component.Storage.Migrations;
using Quoalise.Component.Storage.Points;
using Quoalise.Adapters;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Disco;
using Quoalise.Protocol.Ping;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Stream;
using Quoalise.Protocol.Version;
using Serilog;

namespace Quoalise.Component.Hosting;

/// <summary>Registers the component core: options, logging, the XMPP protocol stack, access control and health.</summary>
public static class ComponentHostingExtensions
{
    public static IHostApplicationBuilder AddQuoaliseComponent(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext());

        // Storage first: its migration service must start before anything that needs the schema.
        builder.AddQuoaliseStorage();
        services.AddSingleton<CommandAuditor>();
        services.AddSingleton<ICommandAuditor>(sp => sp.GetRequiredService<CommandAuditor>());
        services.AddHostedService(sp => sp.GetRequiredService<CommandAuditor>());

        services.AddOptions<XmppOptions>().Bind(builder.Configuration.GetSection(XmppOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<XmppOptions>, XmppOptionsValidator>();
        services.AddOptions<AccessOptions>().Bind(builder.Configuration.GetSection(AccessOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddOptions<CommandOptions>().Bind(builder.Configuration.GetSection(CommandOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<IAccessPolicy>(sp => sp.GetRequiredService<AccessPolicy>());
        services.AddSingleton<ICommandAccessPolicy>(sp => sp.GetRequiredService<AccessPolicy>());
        services.AddSingleton(sp => new CommandRegistry(ComponentJid(sp), sp.GetRequiredService<ICommandAccessPolicy>()));
        services.AddSingleton<AdapterRegistrations>();
        services.AddSingleton<IMigrationSetSource>(sp => sp.GetRequiredService<AdapterRegistrations>());

        services.AddSingleton(sp =>
        {
            var settings = new XmppSettings(sp.GetRequiredService<IOptionsMonitor<XmppOptions>>(), sp.GetRequiredService<ILogger<XmppSettings>>());
            return new ComponentLink(
                () => settings.Current.ToConnectionOptions(),
                refusal => ConfigurationHints.For(refusal, settings.Current),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ComponentLink>>());
        });
        services.AddSingleton<IStanzaSender>(sp => sp.GetRequiredService<ComponentLink>());

        services.AddSingleton<IIqHandler, PingHandler>();
        services.AddSingleton<IIqHandler>(_ => new VersionHandler("Quoalise", ProductVersion()));
        services.AddSingleton<IIqHandler>(sp => new DiscoHandler(
            new DiscoIdentity("component", "generic", sp.GetRequiredService<IOptions<XmppOptions>>().Value.Name),
            () => sp.GetRequiredService<StanzaRouter>().Features,
            [sp.GetRequiredService<CommandRegistry>()]));
        services.AddSingleton(sp =>
        {
            var access = sp.GetRequiredService<IOptions<AccessOptions>>().Value;
            var commands = sp.GetRequiredService<IOptions<CommandOptions>>().Value;
            return new CommandsHandler(
                sp.GetRequiredService<CommandRegistry>(),
                new AdHocSessionOptions
                {
                    IdleTimeout = commands.SessionIdleTimeout,
                    MaxPerRequester = commands.MaxSessionsPerRequester,
                    MaxTotal = commands.MaxSessions,
                },
                new RateLimitOptions(access.Commands.PermitsPerMinute, access.Commands.Burst),
                sp.GetRequiredService<ICommandAuditor>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<CommandsHandler>>());
        });
        services.AddSingleton<IIqHandler>(sp => sp.GetRequiredService<CommandsHandler>());
        services.AddSingleton<AdapterMessageHandlers>();
        services.AddSingleton<IMessageHandler>(sp => sp.GetRequiredService<AdapterMessageHandlers>());
        services.AddSingleton<IPresenceHandler>(sp => sp.GetRequiredService<AdapterMessageHandlers>());
        services.AddSingleton(sp =>
        {
            var access = sp.GetRequiredService<IOptions<AccessOptions>>().Value;
            return new StanzaRouter(
                ComponentJid(sp),
                sp.GetServices<IIqHandler>(),
                sp.GetServices<IMessageHandler>(),
                sp.GetServices<IPresenceHandler>(),
                sp.GetRequiredService<IStanzaSender>(),
                new PerJidRateLimiter(new RateLimitOptions(access.Requests.PermitsPerMinute, access.Requests.Burst), sp.GetRequiredService<TimeProvider>()),
                sp.GetRequiredService<ILogger<StanzaRouter>>());
        });
        services.AddSingleton<IIqRequester>(sp => sp.GetRequiredService<StanzaRouter>());
        services.AddSingleton<IMessageSender, MessageSender>();

        services.AddOptions<SeriesOptions>().Bind(builder.Configuration.GetSection(SeriesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SeriesOptions>, SeriesOptionsValidator>();
        services.AddSingleton<SeriesDirectory>();
        services.AddSingleton<HistoryCommand>();
        services.AddSingleton<SubscriptionCommands>();
        services.AddSingleton<ListSeriesCommand>();
        services.AddSingleton<StatusCommand>();
        services.AddSingleton<AuditTrailCommand>();
        services.AddSingleton<SubscriptionPublisher>();
        services.AddSingleton<IPointsCommittedObserver>(sp => sp.GetRequiredService<SubscriptionPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<SubscriptionPublisher>());
        services.AddSingleton<IQuoaliseAdapter, CoreCommands>();
        services.AddHostedService<SeriesRegistrationService>();

        // Last: once connected, requests may arrive, so everything they need has started.
        services.AddHostedService<ComponentConnectionService>();

        services.AddHealthChecks().AddCheck<XmppHealthCheck>("xmpp");
        return builder;
    }

    /// <summary>Maps the health endpoint and whatever the adapters registered.</summary>
    public static WebApplication MapQuoaliseComponent(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.UseQuoaliseAdapters();
        return app;
    }

    private static Jid ComponentJid(IServiceProvider services) => Jid.Parse(services.GetRequiredService<IOptions<XmppOptions>>().Value.Domain);

    // The informational version without its "+commit" suffix: what XEP-0092 answers.
    private static string ProductVersion()
    {
        var version = typeof(ComponentHostingExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
