using Quoalise.Adapters.Mqtt.Options;

namespace Quoalise.Adapters.Mqtt.Tests.Options;

public class MqttOptionsValidatorTests
{
    private static IReadOnlyList<string> Validate(MqttOptions options)
    {
        var result = new MqttOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Test]
    public void The_defaults_are_valid_an_embedded_broker_with_the_seed_topics_and_sensors()
    {
        var options = new MqttOptions();

        Validate(options).Should().BeEmpty();
        options.ParsedMode.Should().Be(MqttMode.Embedded);
        options.EffectiveSensors.Select(s => (s.Key, s.Unit, s.Min, s.Max)).Should().Equal(
            ("humiditeAmbiante", "%RH", 0, 100), ("humiditeSol", "%RH", 0, 100), ("temperatureAmbiante", "Cel", -40, 80));
    }

    [TestCase("cloud")]
    [TestCase("1")]
    public void An_unknown_mode_names_the_key_and_the_allowed_values(string mode)
    {
        Validate(new MqttOptions { Mode = mode }).Should().ContainSingle().Which.Should().Be($"Mqtt:Mode must be 'embedded' or 'external' (got '{mode}').");
    }

    [Test]
    public void Every_wrong_key_is_reported_at_once_each_naming_itself()
    {
        var options = new MqttOptions
        {
            MaxPayloadBytes = 10,
            MaxPacketBytes = 1033,
            Topics = new TopicOptions { Readings = "serre/{greenhouse}/bac", Controller = "controleur/+", ControllerWill = "controleur/{mac}/{oops}" },
            Sensors =
            [
                new SensorOptions { Key = "a b", Id = 1, Unit = "%RH", Min = 0, Max = 1, Quantity = "x" },
                new SensorOptions { Key = "t", Id = 1, Unit = "celsius", Min = 5, Max = 5, Quantity = "" },
            ],
            Embedded = new EmbeddedBrokerOptions { Host = "localhost", Port = 0, MaxPendingMessagesPerClient = 10 },
        };

        var errors = Validate(options);

        errors.Should().HaveCount(13);
        errors.Should().Contain(e => e.StartsWith("Mqtt:MaxPayloadBytes must be between 64 and 1048576", StringComparison.Ordinal));
        errors.Should().Contain("Mqtt:Topics:Readings 'serre/{greenhouse}/bac' lacks {bed}; the default is 'serre/{greenhouse}/bac/{bed}'.");
        errors.Should().Contain(e => e.StartsWith("Mqtt:Topics:Controller 'controleur/+' may not hold the wildcards", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("Mqtt:Topics:ControllerWill 'controleur/{mac}/{oops}' has the unknown placeholder {oops}", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("Mqtt:Sensors:0:Key must be 1 to 64 letters", StringComparison.Ordinal));
        errors.Should().Contain("Mqtt:Sensors:1:Id must be a positive number unique in the catalogue (got 1).");
        errors.Should().Contain(e => e.StartsWith("Mqtt:Sensors:1:Unit must be a registered SenML unit", StringComparison.Ordinal) && e.Contains("'celsius'"));
        errors.Should().Contain("Mqtt:Sensors:1:Min must be below Mqtt:Sensors:1:Max (got 5 and 5).");
        errors.Should().Contain(e => e.StartsWith("Mqtt:Sensors:1:Quantity", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("Mqtt:Embedded:Host must be an IP address", StringComparison.Ordinal));
        errors.Should().Contain("Mqtt:Embedded:Port must be between 1 and 65535 (got 0).");
        errors.Should().Contain("Mqtt:Embedded:MaxPendingMessagesPerClient must be at least 1000 (got 10).");
        errors.Should().Contain("Mqtt:MaxPacketBytes must be between Mqtt:MaxPayloadBytes + 1024 (1034) and 268435460 (got 1033).");
    }

    [Test]
    public void Templates_of_the_same_shape_are_refused()
    {
        Validate(new MqttOptions { Topics = new TopicOptions { Controller = "c/{mac}", ControllerWill = "c/{mac}" } })
            .Should().ContainSingle().Which.Should().StartWith("Mqtt:Topics:Readings, Controller and ControllerWill must differ in shape");
    }

    [Test]
    public void MaxPacketBytes_is_checked_in_either_mode_up_to_the_MQTT_maximum()
    {
        Validate(new MqttOptions { Mode = "external", External = new ExternalBrokerOptions { Host = "broker" }, MaxPacketBytes = MqttOptions.LargestPacketBytes + 1 })
            .Should().ContainSingle().Which.Should().Be("Mqtt:MaxPacketBytes must be between Mqtt:MaxPayloadBytes + 1024 (5120) and 268435460 (got 268435461).");
        Validate(new MqttOptions { MaxPayloadBytes = 65536, MaxPacketBytes = 66560 }).Should().BeEmpty();
    }

    [Test]
    public void External_mode_checks_tls_files_credentials_and_session_settings()
    {
        var options = new MqttOptions
        {
            Mode = "External",
            External = new ExternalBrokerOptions
            {
                Host = " ",
                Password = "secret",
                CaCertificate = "/nonexistent/ca.crt",
                ClientCertificate = "/nonexistent/client.crt",
                UseTls = true,
                SessionExpiry = TimeSpan.Zero,
                ReceiveMaximum = 0,
                SharedSubscriptionGroup = "a/b",
            },
        };

        var errors = Validate(options);

        errors.Should().Contain("Mqtt:External:Host is required in external mode: the broker's host name or address.");
        errors.Should().Contain("Mqtt:External:Password is set without Mqtt:External:Username.");
        errors.Should().Contain("Mqtt:External:CaCertificate names a file that does not exist: '/nonexistent/ca.crt'.");
        errors.Should().Contain("Mqtt:External:ClientCertificate and Mqtt:External:ClientKey go together (mutual TLS needs both).");
        errors.Should().Contain(e => e.StartsWith("Mqtt:External:SessionExpiry must be at least 00:01:00", StringComparison.Ordinal));
        errors.Should().Contain("Mqtt:External:ReceiveMaximum must be between 1 and 65535 (got 0).");
        errors.Should().Contain(e => e.StartsWith("Mqtt:External:SharedSubscriptionGroup", StringComparison.Ordinal));
        new MqttOptions { Mode = "external" }.External.EffectivePort.Should().Be(1883);
        new ExternalBrokerOptions { UseTls = true }.EffectivePort.Should().Be(8883);
    }

    [Test]
    public void Tls_files_without_UseTls_are_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            Validate(new MqttOptions { Mode = "external", External = new ExternalBrokerOptions { CaCertificate = path } })
                .Should().ContainSingle().Which.Should().Be("Mqtt:External:CaCertificate is set but Mqtt:External:UseTls is false.");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
