using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Quoalise.Samples;

/// <summary>
/// What an ESP32 or M5Stack greenhouse controller does, one sample per method (docs/mqtt.md, "Devices"). Each method
/// stands alone; run one with <c>dotnet run --project samples/Quoalise.Samples -- &lt;sample&gt; [options]</c>.
/// </summary>
internal static class GreenhouseController
{
    /// <summary>
    /// The normal life of a controller. Why this order: the Last Will must be in the CONNECT packet (an ESP32 sets it
    /// before <c>connect()</c>), so that a power cut marks the controller offline; the announcement goes right after
    /// each successful connection, so the component learns the controller's current address; readings go at QoS 1,
    /// so each is acknowledged only once stored, and a reading without an acknowledgement is sent again.
    /// </summary>
    public static async Task PublishReadingsAsync(SampleOptions options, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(ControllerOptions(options).Build(), cancellationToken);
        await AnnounceAsync(client, options, cancellationToken);

        var topic = $"serre/{options.Greenhouse}/bac/{options.Bed}";
        for (var i = 0; i < options.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            // Several sensors in one payload: one message, one reception stamp shared by the three series.
            var payload = string.Create(CultureInfo.InvariantCulture,
                $$"""{"humiditeAmbiante": {{60 + Random.Shared.Next(100) / 10.0}}, "temperatureAmbiante": {{20 + Random.Shared.Next(50) / 10.0}}, "humiditeSol": {{40 + Random.Shared.Next(100) / 10.0}}}""");
            var result = await client.PublishStringAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: cancellationToken);
            Console.WriteLine($"{topic} {payload} → {result.ReasonCode}");
            await Task.Delay(options.EffectiveInterval, cancellationToken);
        }

        // A clean DISCONNECT: no Last Will, the controller stays "online" until it says otherwise.
        await client.PublishStringAsync($"controleur/{options.Mac}", Announcement(options, online: false), MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: cancellationToken);
        await client.DisconnectAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The same controller behind Mosquitto with mutual TLS, as in the greenhouse. Why: the broker accepts only clients
    /// whose certificate its CA signed, and each device has its own (2048-bit RSA key, PKCS#1, which ESP32 TLS stacks
    /// read; .NET reads PKCS#8 too). The broker's certificate is checked against that CA and its subjectAltName.
    /// </summary>
    public static async Task PublishOverMutualTlsAsync(SampleOptions options, CancellationToken cancellationToken)
    {
        if (options.CaCertificate is null || options.Certificate is null || options.Key is null)
        {
            throw new ArgumentException("mtls needs --ca, --cert and --key (PEM files), e.g. --port 8883 --ca ca.crt --cert m5-serre-1.crt --key m5-serre-1.key");
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(options.CaCertificate);
        using var pem = X509Certificate2.CreateFromPemFile(options.Certificate, options.Key);
        using var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(ControllerOptions(options)
            .WithTlsOptions(tls => tls.UseTls()
                .WithTrustChain(authorities)
                .WithRevocationMode(X509RevocationMode.NoCheck)
                .WithClientCertificates([certificate]))
            .Build(), cancellationToken);
        await AnnounceAsync(client, options, cancellationToken);
        var result = await client.PublishStringAsync($"serre/{options.Greenhouse}/bac/{options.Bed}", """{"temperatureAmbiante": 21.4}""",
            MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: cancellationToken);
        Console.WriteLine($"Published over mutual TLS → {result.ReasonCode}");
        await client.DisconnectAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A power cut. Why: it shows the Last Will at work. The process drops the TCP connection without DISCONNECT; the
    /// broker then publishes <c>controleur/&lt;MAC&gt;/disconnect</c> for it, and <c>get_controllers</c> shows it offline.
    /// </summary>
    public static async Task PowerCutAsync(SampleOptions options, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(ControllerOptions(options).Build(), cancellationToken);
        await AnnounceAsync(client, options, cancellationToken);
        Console.WriteLine($"{options.Mac} online; cutting the power (no DISCONNECT)…");
        client.Dispose();
    }

    private static MqttClientOptionsBuilder ControllerOptions(SampleOptions options) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)

            // MQTT 3.1.1 as the ESP32 libraries speak it, with a stable id: the broker keeps its session across reconnections.
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId("esp32-" + options.Mac.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithWillTopic($"controleur/{options.Mac}/disconnect")
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);

    private static Task AnnounceAsync(IMqttClient client, SampleOptions options, CancellationToken cancellationToken) =>
        client.PublishStringAsync($"controleur/{options.Mac}", Announcement(options, online: true), MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: cancellationToken);

    private static string Announcement(SampleOptions options, bool online) =>
        $$"""{"ip": "{{options.Ip}}", "status": {{(online ? "true" : "false")}}}""";
}
