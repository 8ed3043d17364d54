using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// MQTTnet's TCP listener, with every connection seen through a <see cref="ClientIdAssigningChannel"/>: an MQTT 3.1.1
/// client connecting with an empty client id and a clean session (<c>mosquitto_pub</c>'s default) is given one, as
/// MQTT 3.1.1 §3.1.3.1 allows; MQTTnet assigns ids to MQTT 5 clients only, and would refuse it.
/// </summary>
internal sealed class ClientIdAssigningServerAdapter(IMqttServerAdapter inner) : IMqttServerAdapter
{
    public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; } = _ => Task.CompletedTask;

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        inner.ClientHandler = channel => ClientHandler(new ClientIdAssigningChannel(channel));
        return inner.StartAsync(options, logger);
    }

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();
}
