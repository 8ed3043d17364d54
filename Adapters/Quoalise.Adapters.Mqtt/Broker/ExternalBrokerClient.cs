using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Quoalise.Adapters.Mqtt.Ingest;
using Quoalise.Adapters.Mqtt.Options;
using Quoalise.Adapters.Mqtt.Topics;

namespace Quoalise.Adapters.Mqtt.Broker;

/// <summary>
/// <c>Mqtt:Mode=external</c>: an MQTT 5 client of the operator's broker. Persistent session (clean start off, a
/// session expiry), QoS 1 subscriptions, manual acknowledgement after commit (<see cref="AcknowledgementQueue"/>),
/// reconnection with exponential backoff, optional shared subscriptions. A lost connection is recorded as
/// MQTT_DISCONNECT; what was not acknowledged comes again from the broker.
/// </summary>
internal sealed class ExternalBrokerClient(
    IngestPipeline pipeline,
    BedDirectory beds,
    IngestErrorJournal errors,
    TopicRouter router,
    MqttOptions options,
    TimeProvider time,
    ILogger<ExternalBrokerClient> logger) : BackgroundService
{
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(5);

    // MQTTnet sets the socket's receive and send buffers to its BufferSize, 8 KiB by default, which turns off Linux's
    // buffer autotuning and caps the TCP window at about 16 KiB: through a local Mosquitto, deliveries stalled for tens
    // of seconds at a time, the window smaller than one segment (docs/mqtt.md, "Brokers"). Linux grants at most
    // net.core.rmem_max and wmem_max of this (208 KiB by default).
    private const int SocketBufferBytes = 1024 * 1024;

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first subscription is acknowledged (tests and the load tool wait for it).</summary>
    public Task Subscribed => _subscribed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var external = options.External;
        using var tls = external.UseTls ? ClientTls.Load(external) : null;
        try
        {
            await beds.InitializeAsync(stoppingToken);
        }
        catch (Exception e)
        {
            _subscribed.TrySetException(e);
            throw;
        }

        var delay = external.ReconnectMinDelay;
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            attempt++;
            if (await RunConnectionAsync(tls, attempt, stoppingToken))
            {
                delay = external.ReconnectMinDelay;
                attempt = 0;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            var wait = delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
            MqttLog.Reconnecting(logger, wait, attempt + 1);
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, external.ReconnectMaxDelay.Ticks));
        }
    }

    /// <returns>True when a connection was established (the backoff starts over).</returns>
    private async Task<bool> RunConnectionAsync(ClientTls? tls, int attempt, CancellationToken stoppingToken)
    {
        var external = options.External;
        using var client = new MqttClientFactory().CreateMqttClient();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var queue = new AcknowledgementQueue(pipeline.HandleAsync, external.ClientId, external.ReceiveMaximum, logger, connection.Token);
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += queue.ReceiveAsync;
        client.DisconnectedAsync += e =>
        {
            disconnected.TrySetResult(e);
            return Task.CompletedTask;
        };

        MqttClientConnectResult connected;
        try
        {
            connected = await client.ConnectAsync(BuildOptions(tls), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            MqttLog.ConnectFailed(logger, e, external.Host, external.EffectivePort, attempt);
            if (attempt == 1)
            {
                RecordDisconnect($"Cannot connect to {external.Host}:{external.EffectivePort}: {e.Message}");
            }

            return false;
        }

        MqttLog.Connected(logger, external.Host, external.EffectivePort, external.ClientId, connected.IsSessionPresent);
        try
        {
            await SubscribeAsync(client, stoppingToken);
            var acknowledging = queue.AcknowledgeAsync();
            var ended = await Task.WhenAny(disconnected.Task, acknowledging, Task.Delay(Timeout.Infinite, stoppingToken));
            if (ended == acknowledging && !await acknowledging)
            {
                MqttLog.RedeliveryRequested(logger);
                await DisconnectAsync(client);
            }
            else if (ended == disconnected.Task)
            {
                var reason = disconnected.Task.Result;
                MqttLog.ConnectionLost(logger, reason.Exception, reason.Reason.ToString());
                RecordDisconnect($"Connection to {external.Host}:{external.EffectivePort} lost ({reason.Reason}): {reason.Exception?.Message ?? reason.ReasonString ?? "no reason given"}");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: below.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            MqttLog.ConnectionLost(logger, e, e.Message);
            RecordDisconnect($"Connection to {external.Host}:{external.EffectivePort} failed: {e.Message}");
        }
        finally
        {
            queue.Complete();
            await connection.CancelAsync();
            if (stoppingToken.IsCancellationRequested)
            {
                // A clean DISCONNECT: the session stays on the broker for SessionExpiry, unacknowledged messages with it.
                await DisconnectAsync(client);
            }
        }

        return true;
    }

    private async Task SubscribeAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var filters = router.Filters(options.External.SharedSubscriptionGroup);
        var subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        var result = await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        var refused = result.Items.Where(i => i.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2)).ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException("The broker did not grant QoS 1 for " + string.Join(", ", refused.Select(r => $"{r.TopicFilter.Topic} ({r.ResultCode})")) + ": check its ACL for this client.");
        }

        MqttLog.Subscribed(logger, string.Join(", ", filters));
        _subscribed.TrySetResult();
    }

    private MqttClientOptions BuildOptions(ClientTls? tls)
    {
        var external = options.External;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(external.Host, external.EffectivePort)
            .WithClientId(external.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)external.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(external.KeepAlive)
            .WithReceiveMaximum((ushort)external.ReceiveMaximum)
            .WithMaximumPacketSize((uint)options.MaxPacketBytes)
            .WithTimeout(TimeSpan.FromSeconds(30));
        if (external.Username is { } username)
        {
            builder = builder.WithCredentials(username, external.Password);
        }

        if (tls is not null)
        {
            builder = builder.WithTlsOptions(o =>
            {
                o.UseTls().WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
                if (tls.Authorities.Count > 0)
                {
                    // A private CA (the greenhouse's): no revocation list to fetch.
                    o.WithTrustChain(tls.Authorities).WithRevocationMode(System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck);
                }

                if (tls.Certificate is { } certificate)
                {
                    o.WithClientCertificates([certificate]);
                }
            });
        }

        var built = builder.Build();
        // Set on the built options: through the WithTcpServer(Action) overload, MQTTnet 5.2's client never connected.
        ((MqttClientTcpOptions)built.ChannelOptions).BufferSize = SocketBufferBytes;
        return built;
    }

    private void RecordDisconnect(string detail) =>
        errors.RecordInBackground(IngestError.Create(IngestErrorType.MqttDisconnect, options.External.ClientId, [], detail, time.GetUtcNow()));

    private async Task DisconnectAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(DisconnectTimeout);
        try
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            MqttLog.DisconnectFailed(logger, e);
        }
    }
}
