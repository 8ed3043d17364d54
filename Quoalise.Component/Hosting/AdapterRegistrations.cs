using Microsoft.AspNetCore.Routing;
using Quoalise.Adapters;
using Quoalise.Adapters.Messaging;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Migrations;
using Quoalise.Protocol.Commands;

namespace Quoalise.Component.Hosting;

/// <summary>
/// What the adapters registered at start-up: commands go straight to the <see cref="CommandRegistry"/>,
/// the rest is kept for the services that use it (migrations, endpoints, series, message handlers).
/// Filled once by <see cref="AdapterLoader"/>, then read-only.
/// </summary>
public sealed class AdapterRegistrations : IAdapterRegistry, IMigrationSetSource
{
    private readonly CommandRegistry _commands;
    private readonly List<string> _adapterNames = [];
    private readonly List<SeriesDefinition> _series = [];
    private readonly List<MigrationSet> _migrations = [];
    private readonly List<Action<IEndpointRouteBuilder>> _endpoints = [];
    private readonly List<Func<IncomingMessage, CancellationToken, Task>> _messageHandlers = [];
    private readonly List<Func<IncomingPresence, CancellationToken, Task>> _presenceHandlers = [];

    public AdapterRegistrations(CommandRegistry commands) => _commands = commands;

    /// <summary>The adapters that registered, in order.</summary>
    public IReadOnlyList<string> AdapterNames => _adapterNames;

    public IReadOnlyList<SeriesDefinition> Series => _series;

    public IReadOnlyList<MigrationSet> Migrations => _migrations;

    public IReadOnlyList<Action<IEndpointRouteBuilder>> Endpoints => _endpoints;

    public IReadOnlyList<Func<IncomingMessage, CancellationToken, Task>> MessageHandlers => _messageHandlers;

    public IReadOnlyList<Func<IncomingPresence, CancellationToken, Task>> PresenceHandlers => _presenceHandlers;

    /// <summary>Lets one adapter register.</summary>
    public void Load(IQuoaliseAdapter adapter)
    {
        _adapterNames.Add(adapter.Name);
        adapter.Register(this);
    }

    public void AddCommand(AdHocCommand command) => _commands.Add(command);

    public void AddSeries(SeriesDefinition series) => _series.Add(series);

    public void AddMigrations(MigrationSet migrations)
    {
        if (_migrations.Any(m => m.Owner == migrations.Owner))
        {
            throw new InvalidOperationException($"Two migration sets are owned by '{migrations.Owner}'.");
        }

        _migrations.Add(migrations);
    }

    public void MapEndpoints(Action<IEndpointRouteBuilder> map) => _endpoints.Add(map);

    public void AddMessageHandler(Func<IncomingMessage, CancellationToken, Task> handler) => _messageHandlers.Add(handler);

    public void AddPresenceHandler(Func<IncomingPresence, CancellationToken, Task> handler) => _presenceHandlers.Add(handler);
}
