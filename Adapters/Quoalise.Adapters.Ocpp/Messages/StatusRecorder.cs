using Quoalise.Adapters.Ocpp.Metering;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Messages;

/// <summary>StatusNotification, both versions: into the history, the latest per connector, and the status series. Thread-safe.</summary>
internal sealed class StatusRecorder
{
    private readonly StatusStore _statuses;
    private readonly SeriesPublisher _series;

    public StatusRecorder(StatusStore statuses, SeriesPublisher series)
    {
        _statuses = statuses;
        _series = series;
    }

    public async Task RecordAsync(StatusRecord status, CancellationToken cancellationToken)
    {
        await _statuses.RecordAsync(status, cancellationToken);
        await _series.PublishStatusAsync(status.ChargePointId, status.Address, UnixMicros.ToTime(status.TimestampUs), status.Status, cancellationToken);
    }
}
