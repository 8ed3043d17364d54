using Microsoft.Extensions.Options;

namespace Quoalise.Adapters.Ocpp.Configuration;

/// <summary>Checks the <c>Ocpp</c> section: one message per wrong key, naming the key and what it takes.</summary>
internal sealed class OcppOptionsValidator : IValidateOptions<OcppOptions>
{
    public static IReadOnlyList<string> RegistrationStatuses { get; } = ["Accepted", "Pending", "Rejected"];

    public ValidateOptionsResult Validate(string? name, OcppOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.Path) || options.Path[0] != '/' || options.Path.EndsWith('/') || options.Path.Contains('{', StringComparison.Ordinal))
        {
            errors.Add($"Ocpp:Path must start with '/' and not end with one, e.g. /ocpp (got '{options.Path}').");
        }

        if (!RegistrationStatuses.Contains(options.AutoRegisterStatus, StringComparer.Ordinal))
        {
            errors.Add($"Ocpp:AutoRegisterStatus must be one of {string.Join(", ", RegistrationStatuses)} (got '{options.AutoRegisterStatus}').");
        }

        foreach (var (key, value, minimum) in new[]
                 {
                     ("HeartbeatInterval", options.HeartbeatInterval, TimeSpan.FromSeconds(1)),
                     ("BootRetryInterval", options.BootRetryInterval, TimeSpan.FromSeconds(1)),
                     ("WebSocketPingInterval", options.WebSocketPingInterval, TimeSpan.FromSeconds(1)),
                     ("WebSocketPongTimeout", options.WebSocketPongTimeout, TimeSpan.FromSeconds(1)),
                     ("CallTimeout", options.CallTimeout, TimeSpan.FromSeconds(1)),
                     ("IdTagCacheExpiry", options.IdTagCacheExpiry, TimeSpan.FromMinutes(1)),
                 })
        {
            if (value < minimum || value.TotalSeconds > int.MaxValue)
            {
                errors.Add($"Ocpp:{key} must be a duration of at least {minimum:c}, e.g. 00:05:00 (got {value:c}).");
            }
        }

        if (options.MaxQueuedCalls is < 0 or > 1000)
        {
            errors.Add($"Ocpp:MaxQueuedCalls must be between 0 and 1000 (got {options.MaxQueuedCalls}).");
        }

        if (options.MaxMessageBytes is < 4096 or > 16 * 1024 * 1024)
        {
            errors.Add($"Ocpp:MaxMessageBytes must be between 4096 and 16777216 (got {options.MaxMessageBytes}).");
        }

        if (!(options.MessagesPerSecond > 0) || options.MessagesPerSecond > 10_000)
        {
            errors.Add($"Ocpp:MessagesPerSecond must be above 0 and at most 10000 (got {options.MessagesPerSecond}).");
        }

        if (options.MessageBurst is < 1 or > 100_000)
        {
            errors.Add($"Ocpp:MessageBurst must be between 1 and 100000 (got {options.MessageBurst}).");
        }

        foreach (var (vendor, index) in options.DataTransferVendors.Select((v, i) => (v, i)))
        {
            if (string.IsNullOrWhiteSpace(vendor) || vendor.Length > 255)
            {
                errors.Add($"Ocpp:DataTransferVendors:{index} must be a vendor id of 1 to 255 characters (got '{vendor}').");
            }
        }

        foreach (var (proxy, index) in options.TrustedProxies.Select((p, i) => (p, i)))
        {
            if (!TrustedProxy.TryParse(proxy, out _))
            {
                errors.Add($"Ocpp:TrustedProxies:{index} must be an IP address or a network such as 10.0.0.0/8 (got '{proxy}').");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
