using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Mqtt.Commands;

/// <summary>
/// <c>get_controllers</c>: the greenhouse controllers with their MAC, last announced IP, online flag, last message
/// and last change. Operators (Permission.Operate): controllers are devices, not series. docs/commands.md.
/// </summary>
internal static class GetControllersCommand
{
    public const string Node = "get_controllers";
    private const string StatusField = "status";

    public static AdHocCommand Create(IControllerStore controllers) => new()
    {
        Node = Node,
        Name = "List greenhouse controllers",
        Permission = Permission.Operate,
        ReturnsTable = true,
        Stages =
        [
            CommandStage.Fixed("Greenhouse controllers",
            [
                FormField.ListSingle(StatusField, "Which controllers",
                    [new FormOption("all", "All"), new FormOption("online", "Online only"), new FormOption("offline", "Offline only")],
                    value: "all"),
            ]),
        ],
        Handler = async (request, cancellationToken) =>
        {
            var status = request.Values.GetString(StatusField) ?? "all";
            var all = await controllers.ListAsync(cancellationToken);
            var shown = all.Where(c => status == "all" || c.Online == (status == "online")).ToList();
            return CommandOutcome.Success(
                "Greenhouse controllers",
                [FormField.Fixed("count", "Controllers", $"{shown.Count} of {all.Count}")],
                table: new ResultTable(
                    "Controllers",
                    [new("mac", "MAC"), new("ip", "IP"), new("online", "Online"), new("last_seen", "Last seen (UTC)"), new("changed", "Status since (UTC)")],
                    [.. shown.Select(c => (IReadOnlyList<string>)[c.Mac, c.Ip ?? "unknown", c.Online ? "yes" : "no", CommandText.Time(c.LastSeen), CommandText.Time(c.Changed)])]));
        },
    };
}
