using Quoalise.Adapters.Ocpp.Commands;
using Quoalise.Adapters.Ocpp.Connections;
using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Storage;

namespace Quoalise.Adapters.Ocpp;

/// <summary>
/// What the OCPP adapter adds to the component: its tables, the charge point endpoint and its commands.
/// Series are registered as charge points report them (<see cref="SeriesPublisher"/>). A DI singleton.
/// </summary>
internal sealed class OcppAdapter : IQuoaliseAdapter
{
    private readonly OcppEndpoint _endpoint;
    private readonly ListChargePointsCommand _listChargePoints;
    private readonly GetChargingSessionsCommand _getChargingSessions;
    private readonly RemoteStartTransactionCommand _remoteStart;
    private readonly RemoteStopTransactionCommand _remoteStop;
    private readonly ResetCommand _reset;
    private readonly UnlockConnectorCommand _unlock;
    private readonly ChangeAvailabilityCommand _changeAvailability;
    private readonly ManageIdTagCommand _manageIdTag;
    private readonly ManageChargePointCommand _manageChargePoint;

    public OcppAdapter(
        OcppEndpoint endpoint,
        ListChargePointsCommand listChargePoints,
        GetChargingSessionsCommand getChargingSessions,
        RemoteStartTransactionCommand remoteStart,
        RemoteStopTransactionCommand remoteStop,
        ResetCommand reset,
        UnlockConnectorCommand unlock,
        ChangeAvailabilityCommand changeAvailability,
        ManageIdTagCommand manageIdTag,
        ManageChargePointCommand manageChargePoint)
    {
        _endpoint = endpoint;
        _listChargePoints = listChargePoints;
        _getChargingSessions = getChargingSessions;
        _remoteStart = remoteStart;
        _remoteStop = remoteStop;
        _reset = reset;
        _unlock = unlock;
        _changeAvailability = changeAvailability;
        _manageIdTag = manageIdTag;
        _manageChargePoint = manageChargePoint;
    }

    public string Name => SeriesPublisher.AdapterName;

    public void Register(IAdapterRegistry registry)
    {
        registry.AddMigrations(new MigrationSet(SeriesPublisher.AdapterName, typeof(OcppAdapter).Assembly));
        registry.MapEndpoints(_endpoint.Map);
        registry.AddCommand(_listChargePoints.Build());
        registry.AddCommand(_getChargingSessions.Build());
        registry.AddCommand(_remoteStart.Build());
        registry.AddCommand(_remoteStop.Build());
        registry.AddCommand(_reset.Build());
        registry.AddCommand(_unlock.Build());
        registry.AddCommand(_changeAvailability.Build());
        registry.AddCommand(_manageIdTag.Build());
        registry.AddCommand(_manageChargePoint.Build());
    }
}
