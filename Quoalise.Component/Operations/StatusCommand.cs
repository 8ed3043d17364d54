using System.Globalization;
using System.Reflection;
using Quoalise.Adapters.Storage;
using Quoalise.Component.Storage.Health;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;
using Quoalise.Component.Hosting;
using Quoalise.Protocol.Stream;

namespace Quoalise.Component.Operations;

/// <summary><c>component_status</c>: how the component is doing, for administrators in Gajim. Thread-safe.</summary>
internal sealed class StatusCommand(
    ComponentLink link,
    StorageHealth storage,
    ISeriesCatalog catalog,
    CommandsHandler commands,
    AdapterRegistrations adapters,
    TimeProvider time)
{
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public AdHocCommand Definition => new()
    {
        Node = "component_status",
        Name = "Component status",
        Permission = Permission.Admin,
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var series = await catalog.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var version = typeof(StatusCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        return CommandOutcome.Success(
            "Component status",
            [
                FormField.Fixed("version", "Version", version),
                FormField.Fixed("uptime", "Up for", (time.GetUtcNow() - _started).ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)),
                FormField.Fixed("xmpp", "XMPP link", link.State.ToString().ToLowerInvariant() + (link.LastError is { } linkError ? $": {linkError}" : string.Empty)),
                FormField.Fixed("storage", "Storage", storage.Status.ToString().ToLowerInvariant() + (storage.LastError is { } storageError ? $": {storageError}" : string.Empty)),
                FormField.Fixed("series", "Series", series.Count.ToString(CultureInfo.InvariantCulture)),
                FormField.Fixed("sessions", "Open command sessions", commands.OpenSessions.ToString(CultureInfo.InvariantCulture)),
                FormField.Fixed("adapters", "Adapters", string.Join(", ", adapters.AdapterNames)),
            ]);
    }
}
