using System.Globalization;
using Microsoft.Extensions.Options;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Component.Series;

/// <summary><c>list_series</c>: the series a requester may read, optionally under an identifier prefix. Thread-safe.</summary>
internal sealed class ListSeriesCommand
{
    private const string PrefixVar = "prefix";

    private readonly SeriesDirectory _directory;
    private readonly SeriesOptions _options;

    public ListSeriesCommand(SeriesDirectory directory, IOptions<SeriesOptions> options)
    {
        _directory = directory;
        _options = options.Value;
    }

    public AdHocCommand Definition => new()
    {
        Node = "list_series",
        Name = "List series",
        Permission = Permission.Read,
        ReturnsTable = true,
        Stages = [CommandStage.Fixed("List series", [FormField.TextSingle(PrefixVar, "Identifier prefix (optional), e.g. urn:dev:ocpp:")])],
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var readable = await _directory.ReadableAsync(request.Requester, request.Values.GetString(PrefixVar), cancellationToken).ConfigureAwait(false);
        var shown = readable.Take(_options.MaxListedSeries).ToList();
        return CommandOutcome.Success(
            "Series",
            [FormField.Fixed("count", "Series", readable.Count.ToString(CultureInfo.InvariantCulture))],
            shown.Count < readable.Count ? [CommandNote.Warn($"Only the first {shown.Count} of {readable.Count} are listed; give a longer prefix.")] : [],
            new ResultTable(
                "Series",
                [
                    new ResultColumn(SeriesDirectory.IdentifierVar, "Identifier"),
                    new ResultColumn("description", "Description"),
                    new ResultColumn("quantity", "Quantity"),
                    new ResultColumn("unit", "Unit"),
                    new ResultColumn("adapter", "Source"),
                ],
                shown.Select(s => (IReadOnlyList<string>)
                [
                    s.Identifier,
                    s.Description ?? string.Empty,
                    s.Meta.Measurement?.Quantity ?? string.Empty,
                    s.Meta.Measurement?.Unit ?? string.Empty,
                    s.Adapter,
                ]).ToList()));
    }
}
