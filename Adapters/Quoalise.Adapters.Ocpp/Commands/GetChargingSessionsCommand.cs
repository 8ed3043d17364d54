using System.Globalization;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// <c>get_charging_sessions</c>: the sessions overlapping a time range, of one charge point and/or id tag,
/// newest first, with energy delivered, start, stop and stop reason. Only charge points the requester may
/// read are searched.
/// </summary>
internal sealed class GetChargingSessionsCommand
{
    public const string Node = "get_charging_sessions";
    public const int MaxSessions = 500;
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    private readonly TransactionStore _transactions;
    private readonly MeterSampleStore _samples;
    private readonly ChargePointChoices _choices;
    private readonly TimeProvider _time;

    public GetChargingSessionsCommand(TransactionStore transactions, MeterSampleStore samples, ChargePointChoices choices, TimeProvider time)
    {
        _transactions = transactions;
        _samples = samples;
        _choices = choices;
        _time = time;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "Get charging sessions",
        Permission = Permission.Read,
        ReturnsTable = true,
        Stages =
        [
            CommandStage.Fixed(
                "Charging sessions",
                [
                    FormField.TextSingle(ChargePointChoices.ChargePointVar, "Charge point id (empty: all)"),
                    FormField.TextSingle("id_tag", "Id tag (empty: all)"),
                    FormField.DateTime("start_time", "From (default: 30 days ago)"),
                    FormField.DateTime("end_time", "Until (default: now)"),
                ],
                "Sessions overlapping the period, newest first."),
        ],
        Handler = HandleAsync,
    };

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var end = request.Values.GetDateTime("end_time") ?? now;
        var start = request.Values.GetDateTime("start_time") ?? end - DefaultRange;
        if (start >= end)
        {
            return CommandOutcome.InvalidField("start_time", $"From ({start:O}) must be before Until ({end:O}).");
        }

        var chargePointId = request.Values.GetString(ChargePointChoices.ChargePointVar);
        if (chargePointId is not null && !await _choices.MayAccessAsync(request.Requester, chargePointId, cancellationToken))
        {
            return CommandOutcome.Failure(new CommandError(CommandErrorKind.NotFound, $"There is no charge point '{chargePointId}' you may read.", Field: ChargePointChoices.ChargePointVar));
        }

        // Only the charge points the requester may read are searched, so the limit counts their sessions alone.
        IReadOnlyList<string> searched = chargePointId is not null
            ? [chargePointId]
            : await _choices.VisibleAsync(request.Requester, await _transactions.ListChargePointIdsAsync(cancellationToken), cancellationToken);
        var found = await _transactions.SearchAsync(
            new SessionQuery(searched, request.Values.GetString("id_tag"), UnixMicros.From(start), UnixMicros.From(end), MaxSessions + 1),
            cancellationToken);
        var sessions = found.Take(MaxSessions).ToList();
        var energy = await _samples.EnergyRangesAsync([.. sessions.Select(s => s.Id)], cancellationToken);
        var rows = sessions.Select(s => (IReadOnlyList<string>)
        [
            s.Id.ToString(CultureInfo.InvariantCulture),
            s.ChargePointId,
            s.ConnectorId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            s.IdTag ?? string.Empty,
            s.StartUs is { } started ? JsonFields.Format(UnixMicros.ToTime(started)) : string.Empty,
            s.Ended != 0 && s.StopUs is { } stopped ? JsonFields.Format(UnixMicros.ToTime(stopped)) : string.Empty,
            s.EnergyWh(energy.GetValueOrDefault(s.Id)) is { } wh ? wh.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty,
            s.StopReason ?? string.Empty,
            s.Ended != 0 ? "ended" : "active",
            s.StationTransactionId,
        ]).ToList();

        var notes = new List<CommandNote>();
        if (found.Count > MaxSessions)
        {
            notes.Add(CommandNote.Warn($"Only the {MaxSessions} newest sessions are listed: narrow the period."));
        }

        return CommandOutcome.Success(
            "Charging sessions",
            [FormField.Fixed("count", "Sessions", rows.Count.ToString(CultureInfo.InvariantCulture))],
            notes,
            new ResultTable(
                "Charging sessions",
                [
                    new ResultColumn("transaction", "Transaction"),
                    new ResultColumn("charge_point", "Charge point"),
                    new ResultColumn("connector", "Connector"),
                    new ResultColumn("id_tag", "Id tag"),
                    new ResultColumn("start", "Start"),
                    new ResultColumn("stop", "Stop"),
                    new ResultColumn("energy_wh", "Energy (Wh)"),
                    new ResultColumn("stop_reason", "Stop reason"),
                    new ResultColumn("state", "State"),
                    new ResultColumn("station_transaction", "Station transaction id"),
                ],
                rows));
    }
}
