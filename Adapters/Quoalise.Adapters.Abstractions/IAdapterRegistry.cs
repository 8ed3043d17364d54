using Microsoft.AspNetCore.Routing;
using Quoalise.Adapters.Messaging;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Commands;

namespace Quoalise.Adapters;

/// <summary>
/// What an adapter may add to the component. Only valid during <see cref="IQuoaliseAdapter.Register"/>:
/// a duplicate command node, or a second handler for the same message kind, fails start-up.
/// Not thread-safe; the host calls adapters one at a time.
/// </summary>
public interface IAdapterRegistry
{
    /// <summary>An XEP-0050 command, listed to and runnable by requesters holding its permission.</summary>
    void AddCommand(AdHocCommand command);

    /// <summary>A series known at start-up. Series discovered later go through <see cref="ISeriesCatalog"/>.</summary>
    void AddSeries(SeriesDefinition series);

    /// <summary>The adapter's own tables: embedded SQL files, one folder per dialect.</summary>
    void AddMigrations(MigrationSet migrations);

    /// <summary>HTTP or WebSocket endpoints served by the component's Kestrel.</summary>
    void MapEndpoints(Action<IEndpointRouteBuilder> map);

    /// <summary>Messages addressed to the component that are not errors; handlers run in registration order.</summary>
    void AddMessageHandler(Func<IncomingMessage, CancellationToken, Task> handler);

    /// <summary>Presence addressed to the component.</summary>
    void AddPresenceHandler(Func<IncomingPresence, CancellationToken, Task> handler);
}
