using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quoalise.Protocol.Stream;

namespace Quoalise.Component.Services;

/// <summary>Healthy while the component link is online; the last error says why it is not.</summary>
public sealed class XmppHealthCheck : IHealthCheck
{
    private readonly ComponentLink _link;

    public XmppHealthCheck(ComponentLink link) => _link = link;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_link.State == ComponentLinkState.Online
            ? HealthCheckResult.Healthy("The component link is online.")
            : HealthCheckResult.Unhealthy($"The component link is {_link.State.ToString().ToLowerInvariant()}: {_link.LastError ?? "not connected yet"}"));
}
