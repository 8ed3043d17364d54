namespace Quoalise.Adapters.Mqtt.Storage;

/// <summary>Controllers (<c>mqtt_controllers</c>). Thread-safe.</summary>
internal interface IControllerStore
{
    /// <summary>An announcement <c>{ip, status}</c>: address, online flag, last seen and changed all set.</summary>
    Task AnnounceAsync(string mac, string ip, bool online, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>The Last Will: offline since <paramref name="time"/>, the rest kept (a row is made for an unknown MAC).</summary>
    Task MarkOfflineAsync(string mac, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Every controller, by MAC.</summary>
    Task<IReadOnlyList<Controller>> ListAsync(CancellationToken cancellationToken);
}
