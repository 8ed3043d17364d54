using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Mqtt.Topics;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Options;

/// <summary>Checks the <c>Mqtt</c> section: one message per wrong key, naming the key and what it accepts.</summary>
internal sealed partial class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var errors = new List<string>();
        var modeKnown = Enum.TryParse<MqttMode>(options.Mode, ignoreCase: true, out var mode) && !int.TryParse(options.Mode, out _);
        if (!modeKnown)
        {
            errors.Add($"Mqtt:Mode must be 'embedded' or 'external' (got '{options.Mode}').");
        }

        if (options.MaxPayloadBytes is < 64 or > 1024 * 1024)
        {
            errors.Add($"Mqtt:MaxPayloadBytes must be between 64 and 1048576 (got {options.MaxPayloadBytes}).");
        }

        // A payload over MaxPayloadBytes must still arrive, to be recorded as INVALID_PAYLOAD and acknowledged: a
        // connection closed on it would bring the same message back at every reconnection.
        var smallestPacket = options.MaxPayloadBytes + MqttOptions.PacketOverheadBytes;
        if (options.MaxPacketBytes < smallestPacket || options.MaxPacketBytes > MqttOptions.LargestPacketBytes)
        {
            errors.Add($"Mqtt:MaxPacketBytes must be between Mqtt:MaxPayloadBytes + {MqttOptions.PacketOverheadBytes} ({smallestPacket}) " +
                $"and {MqttOptions.LargestPacketBytes} (got {options.MaxPacketBytes}).");
        }

        ValidateTopics(options.Topics, errors);
        ValidateSensors(options.Sensors, errors);
        if (modeKnown && mode == MqttMode.Embedded)
        {
            ValidateEmbedded(options.Embedded, errors);
        }
        else if (modeKnown)
        {
            ValidateExternal(options.External, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateTopics(TopicOptions topics, List<string> errors)
    {
        var templates = new List<TopicTemplate>();
        foreach (var (key, value, required) in new[]
                 {
                     ("Readings", topics.Readings, new[] { TopicRouter.GreenhousePlaceholder, TopicRouter.BedPlaceholder }),
                     ("Controller", topics.Controller, [TopicRouter.MacPlaceholder]),
                     ("ControllerWill", topics.ControllerWill, [TopicRouter.MacPlaceholder]),
                 })
        {
            if (TopicTemplate.TryParse(value, required, out var template, out var error))
            {
                templates.Add(template!);
            }
            else
            {
                errors.Add($"Mqtt:Topics:{key} {error}; the default is '{Default(key)}'.");
            }
        }

        var filters = templates.Select(t => t.Filter).ToList();
        if (filters.Distinct(StringComparer.Ordinal).Count() != filters.Count)
        {
            errors.Add($"Mqtt:Topics:Readings, Controller and ControllerWill must differ in shape (got {string.Join(", ", filters)}).");
        }
    }

    private static string Default(string key) => key switch
    {
        "Readings" => new TopicOptions().Readings,
        "Controller" => new TopicOptions().Controller,
        _ => new TopicOptions().ControllerWill,
    };

    private static void ValidateSensors(List<SensorOptions> sensors, List<string> errors)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<int>();
        for (var i = 0; i < sensors.Count; i++)
        {
            var sensor = sensors[i];
            var key = $"Mqtt:Sensors:{i}";
            if (!SensorKey().IsMatch(sensor.Key ?? string.Empty))
            {
                errors.Add($"{key}:Key must be 1 to 64 letters, digits, '-' or '_' (got '{sensor.Key}'): the JSON key, also the end of the series identifier.");
            }
            else if (!keys.Add(sensor.Key!))
            {
                errors.Add($"{key}:Key '{sensor.Key}' is listed twice.");
            }

            if (sensor.Id <= 0 || !ids.Add(sensor.Id))
            {
                errors.Add($"{key}:Id must be a positive number unique in the catalogue (got {sensor.Id}).");
            }

            if (!SenMLUnits.IsRegistered(sensor.Unit))
            {
                errors.Add($"{key}:Unit must be a registered SenML unit such as %RH, Cel, W or lx (got '{sensor.Unit}').");
            }

            if (!double.IsFinite(sensor.Min) || !double.IsFinite(sensor.Max) || sensor.Min >= sensor.Max)
            {
                errors.Add($"{key}:Min must be below {key}:Max (got {sensor.Min} and {sensor.Max}).");
            }

            if (!SensorKey().IsMatch(sensor.Quantity ?? string.Empty))
            {
                errors.Add($"{key}:Quantity must be 1 to 64 letters, digits, '-' or '_', e.g. air-temperature (got '{sensor.Quantity}').");
            }
        }
    }

    private static void ValidateEmbedded(EmbeddedBrokerOptions embedded, List<string> errors)
    {
        if (!IPAddress.TryParse(embedded.Host, out _))
        {
            errors.Add($"Mqtt:Embedded:Host must be an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0 (got '{embedded.Host}').");
        }

        if (embedded.Port is < 1 or > 65535)
        {
            errors.Add($"Mqtt:Embedded:Port must be between 1 and 65535 (got {embedded.Port}).");
        }

        if (embedded.MaxPendingMessagesPerClient < 1000)
        {
            errors.Add($"Mqtt:Embedded:MaxPendingMessagesPerClient must be at least 1000 (got {embedded.MaxPendingMessagesPerClient}).");
        }
    }

    private static void ValidateExternal(ExternalBrokerOptions external, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(external.Host))
        {
            errors.Add("Mqtt:External:Host is required in external mode: the broker's host name or address.");
        }

        if (external.Port is < 1 or > 65535)
        {
            errors.Add($"Mqtt:External:Port must be between 1 and 65535 (got {external.Port}).");
        }

        if (string.IsNullOrWhiteSpace(external.ClientId) || external.ClientId.Length > 128)
        {
            errors.Add($"Mqtt:External:ClientId must be 1 to 128 characters, stable and unique per instance (got '{external.ClientId}').");
        }

        if (external.Password is not null && external.Username is null)
        {
            errors.Add("Mqtt:External:Password is set without Mqtt:External:Username.");
        }

        var tlsFiles = new[] { ("CaCertificate", external.CaCertificate), ("ClientCertificate", external.ClientCertificate), ("ClientKey", external.ClientKey) };
        foreach (var (key, path) in tlsFiles.Where(f => f.Item2 is not null))
        {
            if (!external.UseTls)
            {
                errors.Add($"Mqtt:External:{key} is set but Mqtt:External:UseTls is false.");
            }
            else if (!File.Exists(path))
            {
                errors.Add($"Mqtt:External:{key} names a file that does not exist: '{path}'.");
            }
        }

        if ((external.ClientCertificate is null) != (external.ClientKey is null))
        {
            errors.Add("Mqtt:External:ClientCertificate and Mqtt:External:ClientKey go together (mutual TLS needs both).");
        }

        if (external.SessionExpiry < TimeSpan.FromMinutes(1) || external.SessionExpiry.TotalSeconds > uint.MaxValue - 1)
        {
            errors.Add($"Mqtt:External:SessionExpiry must be at least 00:01:00, so unacknowledged readings wait on the broker (got {external.SessionExpiry}).");
        }

        if (external.KeepAlive < TimeSpan.FromSeconds(5) || external.KeepAlive > TimeSpan.FromSeconds(65535))
        {
            errors.Add($"Mqtt:External:KeepAlive must be between 00:00:05 and 18:12:15 (got {external.KeepAlive}).");
        }

        if (external.ReceiveMaximum is < 1 or > 65535)
        {
            errors.Add($"Mqtt:External:ReceiveMaximum must be between 1 and 65535 (got {external.ReceiveMaximum}).");
        }

        if (external.ReconnectMinDelay <= TimeSpan.Zero || external.ReconnectMaxDelay < external.ReconnectMinDelay)
        {
            errors.Add($"Mqtt:External:ReconnectMinDelay must be positive and at most Mqtt:External:ReconnectMaxDelay (got {external.ReconnectMinDelay} and {external.ReconnectMaxDelay}).");
        }

        if (external.SharedSubscriptionGroup is { } group && !SensorKey().IsMatch(group))
        {
            errors.Add($"Mqtt:External:SharedSubscriptionGroup must be 1 to 64 letters, digits, '-' or '_' (got '{group}').");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SensorKey();
}
