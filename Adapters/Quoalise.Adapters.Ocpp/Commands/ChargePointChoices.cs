using Quoalise.Adapters.Access;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// The fields commands share. A person in Gajim picks from lists (the connected charge points they may
/// see, then that charge point's connectors with their status); a program sends plain values, which the
/// handler checks. Access to a charge point is read access to its series (<see cref="SeriesNames.AccessProbe"/>).
/// Thread-safe.
/// </summary>
internal sealed class ChargePointChoices
{
    public const string ChargePointVar = "charge_point";
    public const string ConnectorVar = "connector";

    private readonly ConnectionRegistry _connections;
    private readonly StatusStore _statuses;
    private readonly IAccessPolicy _access;

    public ChargePointChoices(ConnectionRegistry connections, StatusStore statuses, IAccessPolicy access)
    {
        _connections = connections;
        _statuses = statuses;
        _access = access;
    }

    public bool MayAccess(Jid requester, string chargePointId) => _access.MayRead(requester.Bare, SeriesNames.AccessProbe(chargePointId));

    /// <summary>A first stage choosing among connected charge points (interactive) or naming one (one-shot), plus <paramref name="extra"/>.</summary>
    public CommandStage ConnectedChargePointStage(string title, params FormField[] extra) => new()
    {
        Title = title,
        BuildFields = (context, _) => ValueTask.FromResult<IReadOnlyList<FormField>>([ConnectedChargePointField(context), .. extra]),
    };

    public FormField ConnectedChargePointField(CommandStageContext context)
    {
        if (!context.Interactive)
        {
            return FormField.TextSingle(ChargePointVar, "Charge point id", required: true);
        }

        var options = _connections.All
            .Where(c => MayAccess(context.Requester, c.ChargePointId))
            .OrderBy(c => c.ChargePointId, StringComparer.Ordinal)
            .Select(c => new FormOption(c.ChargePointId, $"{c.ChargePointId} ({OcppSubprotocols.NameOf(c.Version)}{(c.IsAccepted ? string.Empty : ", not accepted")})"))
            .ToList();
        return FormField.ListSingle(ChargePointVar, "Charge point (connected)", options, required: true) with
        {
            Description = options.Count == 0 ? "No charge point you may operate is connected now." : null,
        };
    }

    /// <summary>The connectors of the charge point chosen in the first stage, with their last status.</summary>
    public async ValueTask<FormField> ConnectorFieldAsync(CommandStageContext context, bool allowWhole, bool required, CancellationToken cancellationToken)
    {
        var minimum = allowWhole ? 0 : 1;
        var label = allowWhole ? "Connector (0 = the whole charge point)" : "Connector";
        if (context.Interactive && context.Values.GetString(ChargePointVar) is { } chargePointId)
        {
            var connectors = (await _statuses.ListAsync(chargePointId, cancellationToken)).Where(c => c.ConnectorId >= minimum).ToList();
            if (connectors.Count > 0)
            {
                var options = connectors
                    .Select(c => new FormOption(c.ConnectorId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{c.ConnectorId}: {c.Status}"))
                    .ToList();
                return FormField.ListSingle(ConnectorVar, label, options, required);
            }
        }

        return FormField.Integer(ConnectorVar, label, required, min: minimum, max: int.MaxValue);
    }

    /// <summary>The charge point named in a request, if the requester may act on it; otherwise the error to answer.</summary>
    public CommandError? CheckAccess(CommandRequest request, out string chargePointId)
    {
        chargePointId = request.Values.GetRequiredString(ChargePointVar);
        return MayAccess(request.Requester, chargePointId)
            ? null
            : new CommandError(CommandErrorKind.NotFound, $"There is no charge point '{chargePointId}' you may operate.", Field: ChargePointVar);
    }
}
