using Quoalise.Adapters.Ocpp.Configuration;

namespace Quoalise.Adapters.Ocpp.Tests.Configuration;

public class OcppOptionsValidatorTests
{
    [Test]
    public void The_defaults_are_valid() => new OcppOptionsValidator().Validate(null, new OcppOptions()).Succeeded.Should().BeTrue();

    [Test]
    public void Each_wrong_key_is_named_with_what_it_takes()
    {
        var options = new OcppOptions
        {
            Path = "ocpp/",
            AutoRegisterStatus = "Maybe",
            HeartbeatInterval = TimeSpan.Zero,
            CallTimeout = TimeSpan.FromMilliseconds(10),
            MaxQueuedCalls = -1,
            MaxMessageBytes = 100,
            MessagesPerSecond = 0,
            MessageBurst = 0,
            DataTransferVendors = ["ok", ""],
            TrustedProxies = ["10.0.0.5", "10.0.0.0/8", "::1", "fd00::/8", "proxy.example.org"],
        };

        var failures = new OcppOptionsValidator().Validate(null, options).Failures!.ToList();

        failures.Should().HaveCount(10);
        failures.Should().Contain(f => f.StartsWith("Ocpp:Path must start with '/'", StringComparison.Ordinal));
        failures.Should().Contain("Ocpp:AutoRegisterStatus must be one of Accepted, Pending, Rejected (got 'Maybe').");
        failures.Should().Contain(f => f.StartsWith("Ocpp:HeartbeatInterval must be a duration of at least 00:00:01", StringComparison.Ordinal));
        failures.Should().Contain(f => f.StartsWith("Ocpp:CallTimeout", StringComparison.Ordinal));
        failures.Should().Contain("Ocpp:MaxQueuedCalls must be between 0 and 1000 (got -1).");
        failures.Should().Contain("Ocpp:MaxMessageBytes must be between 4096 and 16777216 (got 100).");
        failures.Should().Contain(f => f.StartsWith("Ocpp:MessagesPerSecond", StringComparison.Ordinal));
        failures.Should().Contain("Ocpp:MessageBurst must be between 1 and 100000 (got 0).");
        failures.Should().Contain("Ocpp:DataTransferVendors:1 must be a vendor id of 1 to 255 characters (got '').");
        failures.Should().Contain("Ocpp:TrustedProxies:4 must be an IP address or a network such as 10.0.0.0/8 (got 'proxy.example.org').");
    }
}
