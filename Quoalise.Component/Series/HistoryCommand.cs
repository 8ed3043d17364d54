using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Series;

/// <summary>
/// <c>get_history</c>: the points of one series over a time range, as the Python quoalise client asks
/// for them (one-shot execute with identifier, start_time, end_time). An answer holds at most what fits
/// under the stanza cap; a longer range is paged: the result carries <c>next_start_time</c>, and asking
/// again from there continues. Thread-safe.
/// </summary>
internal sealed class HistoryCommand
{
    public const string Node = "get_history";
    private const string StartVar = "start_time";
    private const string EndVar = "end_time";

    private readonly SeriesDirectory _directory;
    private readonly ISeriesReader _reader;
    private readonly SeriesOptions _options;
    private readonly TimeProvider _time;

    public HistoryCommand(SeriesDirectory directory, ISeriesReader reader, IOptions<SeriesOptions> options, TimeProvider time)
    {
        _directory = directory;
        _reader = reader;
        _options = options.Value;
        _time = time;
    }

    public AdHocCommand Definition => new()
    {
        Node = Node,
        Name = "Get history",
        Permission = Permission.Read,
        Stages =
        [
            new CommandStage
            {
                Title = "Get history",
                Instructions = "Points of one series between two instants (the end is excluded).",
                BuildFields = BuildFieldsAsync,
            },
        ],
        Handler = HandleAsync,
    };

    private async ValueTask<IReadOnlyList<FormField>> BuildFieldsAsync(CommandStageContext context, CancellationToken cancellationToken)
    {
        var end = Truncate(_time.GetUtcNow());
        return
        [
            await _directory.IdentifierFieldAsync(context, cancellationToken).ConfigureAwait(false),
            FormField.DateTime(StartVar, "Start (ISO 8601, e.g. 2026-01-01T00:00:00+01:00)", value: end - _options.DefaultHistoryWindow),
            FormField.DateTime(EndVar, "End, excluded (ISO 8601)", value: end),
        ];
    }

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var identifier = request.Values.GetRequiredString(SeriesDirectory.IdentifierVar);
        var end = request.Values.GetDateTime(EndVar)!.Value;
        var start = request.Values.GetDateTime(StartVar)!.Value;
        if (start >= end)
        {
            return CommandOutcome.InvalidField(EndVar, $"End ('{EndVar}'): {Format(end)} is not after the start {Format(start)}.");
        }

        var (series, error) = await _directory.ResolveAsync(request.Requester, identifier, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return CommandOutcome.Failure(error);
        }

        var page = await _reader.ReadAsync(new SeriesQuery(identifier, start, end, _options.MaxPointsPerResponse), cancellationToken).ConfigureAwait(false);
        var points = FitPayload(series!.Meta, page.Points);
        var truncated = points.Count < page.Points.Count || page.NextAfter is not null;
        var fields = new List<FormField>
        {
            FormField.Fixed(SeriesDirectory.IdentifierVar, "Series", identifier),
            FormField.Fixed("points", "Points", points.Count.ToString(CultureInfo.InvariantCulture)),
            FormField.Fixed(StartVar, "From", Format(start)),
            FormField.Fixed(EndVar, "To (excluded)", Format(end)),
        };
        var notes = new List<CommandNote>();
        if (truncated && points.Count > 0)
        {
            // Start is inclusive and times are kept to the microsecond: the next page starts just after.
            var next = Format(points[^1].Time.AddTicks(TimeSpan.TicksPerMicrosecond));
            fields.Add(FormField.Fixed("next_start_time", "More points from", next));
            notes.Add(CommandNote.Info($"The range holds more points than one answer carries: ask again with start_time {next}."));
        }
        else if (points.Count == 0)
        {
            notes.Add(CommandNote.Info("No points in this range."));
        }

        return CommandOutcome.Success($"Get {identifier}", fields, notes, data: [new QuoaliseData(series.Meta, points)]);
    }

    // The stanza must stay under the cap whatever the values hold (long strings): shorten the page if needed.
    private IReadOnlyList<SenMLRecord> FitPayload(QuoaliseMeta meta, IReadOnlyList<SenMLRecord> points)
    {
        var kept = points;
        while (kept.Count > 1)
        {
            var size = QuoalisePayloadCodec.Write([new QuoaliseData(meta, kept)]).ToString(SaveOptions.DisableFormatting).Length;
            if (size <= _options.MaxPayloadCharacters)
            {
                break;
            }

            var fitting = (int)(kept.Count * (double)_options.MaxPayloadCharacters / size * 0.95);
            kept = kept.Take(Math.Max(1, fitting)).ToList();
        }

        return kept;
    }

    private static DateTimeOffset Truncate(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFK", CultureInfo.InvariantCulture);
}
