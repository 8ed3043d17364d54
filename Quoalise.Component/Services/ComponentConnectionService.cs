using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stream;

namespace Quoalise.Component.Services;

/// <summary>Runs the XEP-0114 link for the life of the host, handing incoming stanzas to the router.</summary>
public sealed class ComponentConnectionService : BackgroundService
{
    private readonly ComponentLink _link;
    private readonly StanzaRouter _router;

    public ComponentConnectionService(ComponentLink link, StanzaRouter router)
    {
        _link = link;
        _router = router;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _link.RunAsync(_router, _router, stoppingToken);
}
