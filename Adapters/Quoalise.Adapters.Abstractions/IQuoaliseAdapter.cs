namespace Quoalise.Adapters;

/// <summary>
/// An adapter: something that turns the outside world (MQTT devices, OCPP charge points, carpool
/// APIs) into Quoalise commands and series. The host calls <see cref="Register"/> once at start-up,
/// then freezes what was registered. Implementations are singletons resolved from DI.
/// </summary>
public interface IQuoaliseAdapter
{
    /// <summary>Short lowercase name, e.g. <c>mqtt</c>; owner of the series and tables it registers.</summary>
    string Name { get; }

    void Register(IAdapterRegistry registry);
}
