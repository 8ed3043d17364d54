using Quoalise.Adapters;
using Quoalise.Component.Operations;
using Quoalise.Component.Series;

namespace Quoalise.Component.Hosting;

/// <summary>
/// The commands of the component itself, registered through the same contract as any adapter and
/// first, so they head the command list: the series commands every adapter's data is read through,
/// then the administrators' commands.
/// </summary>
internal sealed class CoreCommands(
    HistoryCommand history,
    SubscriptionCommands subscriptions,
    ListSeriesCommand listSeries,
    StatusCommand status,
    AuditTrailCommand audit) : IQuoaliseAdapter
{
    public string Name => "core";

    public void Register(IAdapterRegistry registry)
    {
        registry.AddCommand(history.Definition);
        registry.AddCommand(subscriptions.Subscribe);
        registry.AddCommand(subscriptions.Unsubscribe);
        registry.AddCommand(subscriptions.List);
        registry.AddCommand(listSeries.Definition);
        registry.AddCommand(status.Definition);
        registry.AddCommand(audit.Definition);
    }
}
