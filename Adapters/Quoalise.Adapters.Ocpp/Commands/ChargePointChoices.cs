using System.Globalization;
using Quoalise.Adapters.Access;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// The fields commands share. A person in Gajim picks from lists (the connected charge points they may
/// see, then that charge point's connectors with their status); a program sends plain values, which the
/// handler checks. A charge point is visible to whoever may read any of its series: its connector 0 status
/// (<see cref="SeriesNames.AccessProbe"/>, which a grant for the whole charge point covers), or a series of it in
/// the catalogue (a grant for one connector). Thread-safe.
/// </summary>
internal sealed class ChargePointChoices
{
    public const string ChargePointVar = "charge_point";
    public const string ConnectorVar = "connector";

    private readonly ConnectionRegistry _connections;
    private readonly StatusStore _statuses;
    private readonly IAccessPolicy _access;
    private readonly ISeriesCatalog _catalog;

    public ChargePointChoices(ConnectionRegistry connections, StatusStore statuses, IAccessPolicy access, ISeriesCatalog catalog)
    {
        _connections = connections;
        _statuses = statuses;
        _access = access;
        _catalog = catalog;
    }

    public async Task<bool> MayAccessAsync(Jid requester, string chargePointId, CancellationToken cancellationToken) =>
        (await VisibleAsync(requester, [chargePointId], cancellationToken)).Count > 0;

    /// <summary>Those of <paramref name="chargePointIds"/> the requester may see, in their order.</summary>
    public async Task<IReadOnlyList<string>> VisibleAsync(Jid requester, IReadOnlyList<string> chargePointIds, CancellationToken cancellationToken)
    {
        var visible = new List<string>(chargePointIds.Count);
        ILookup<string, string>? catalogued = null;
        foreach (var chargePointId in chargePointIds)
        {
            if (_access.MayRead(requester.Bare, SeriesNames.AccessProbe(chargePointId)))
            {
                visible.Add(chargePointId);
                continue;
            }

            // Read once, and only for a requester whose grants name parts of charge points.
            catalogued ??= (await _catalog.ListAsync(SeriesPublisher.AdapterName, cancellationToken))
                .Select(s => s.Identifier)
                .ToLookup(SeriesNames.EncodedChargePointOf, StringComparer.Ordinal);
            if (catalogued[SeriesNames.Encode(chargePointId)].Any(series => _access.MayRead(requester.Bare, series)))
            {
                visible.Add(chargePointId);
            }
        }

        return visible;
    }

    /// <summary>A first stage choosing among connected charge points (interactive) or naming one (one-shot), plus <paramref name="extra"/>.</summary>
    public CommandStage ConnectedChargePointStage(string title, params FormField[] extra) => new()
    {
        Title = title,
        BuildFields = async (context, cancellationToken) => [await ConnectedChargePointFieldAsync(context, cancellationToken), .. extra],
    };

    private async Task<FormField> ConnectedChargePointFieldAsync(CommandStageContext context, CancellationToken cancellationToken)
    {
        if (!context.Interactive)
        {
            return FormField.TextSingle(ChargePointVar, "Charge point id", required: true);
        }

        var connected = _connections.All.OrderBy(c => c.ChargePointId, StringComparer.Ordinal).ToList();
        var visible = (await VisibleAsync(context.Requester, [.. connected.Select(c => c.ChargePointId)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var options = connected
            .Where(c => visible.Contains(c.ChargePointId))
            .Select(c => new FormOption(c.ChargePointId, $"{c.ChargePointId} ({OcppSubprotocols.NameOf(c.Version)}{(c.IsAccepted ? string.Empty : ", not accepted")})"))
            .ToList();
        return FormField.ListSingle(ChargePointVar, "Charge point (connected)", options, required: true) with
        {
            Description = options.Count == 0 ? "No charge point you may operate is connected now." : null,
        };
    }

    /// <summary>
    /// The connectors (2.0.1: EVSEs) of the charge point chosen in the first stage, with their last status (of
    /// each connector of an EVSE): a number, for the calls that name a connector or an EVSE.
    /// </summary>
    public async ValueTask<FormField> ConnectorFieldAsync(CommandStageContext context, bool allowWhole, bool required, CancellationToken cancellationToken)
    {
        var minimum = allowWhole ? 0 : 1;
        var label = allowWhole ? "Connector (0 = the whole charge point)" : "Connector";
        var known = (await KnownConnectorsAsync(context, cancellationToken)).Where(c => c.ConnectorId >= minimum).GroupBy(c => c.ConnectorId).ToList();
        if (known.Count > 0)
        {
            var options = known
                .Select(evse => new FormOption(
                    evse.Key.ToString(CultureInfo.InvariantCulture),
                    $"{evse.Key}: {string.Join(", ", evse.Select(c => c.EvseConnectorId > 0 ? $"{c.Address} {c.Status}" : c.Status))}"))
                .ToList();
            return FormField.ListSingle(ConnectorVar, label, options, required);
        }

        return FormField.Integer(ConnectorVar, label, required, min: minimum, max: int.MaxValue);
    }

    /// <summary>
    /// One connector of the charge point chosen in the first stage, with its last status: <c>1</c> on 1.6, <c>1.2</c>
    /// (EVSE 1, connector 2) on 2.0.1, read with <see cref="ConnectorAddress.TryParse"/>.
    /// </summary>
    public async ValueTask<FormField> ConnectorAddressFieldAsync(CommandStageContext context, CancellationToken cancellationToken)
    {
        const string Label = "Connector (2.0.1: EVSE.connector, e.g. 1.2)";
        var known = (await KnownConnectorsAsync(context, cancellationToken)).Where(c => c.ConnectorId > 0).ToList();
        return known.Count > 0
            ? FormField.ListSingle(ConnectorVar, Label, [.. known.Select(c => new FormOption(c.Address.ToString(), $"{c.Address}: {c.Status}"))], required: true)
            : FormField.TextSingle(ConnectorVar, Label, required: true);
    }

    private async Task<IReadOnlyList<ConnectorRow>> KnownConnectorsAsync(CommandStageContext context, CancellationToken cancellationToken) =>
        context.Interactive && context.Values.GetString(ChargePointVar) is { } chargePointId
            ? await _statuses.ListAsync(chargePointId, cancellationToken)
            : [];

    /// <summary>Null if the requester may act on the charge point; otherwise the error to answer.</summary>
    public async Task<CommandError?> CheckAccessAsync(Jid requester, string chargePointId, CancellationToken cancellationToken) =>
        await MayAccessAsync(requester, chargePointId, cancellationToken)
            ? null
            : new CommandError(CommandErrorKind.NotFound, $"There is no charge point '{chargePointId}' you may operate.", Field: ChargePointVar);
}
