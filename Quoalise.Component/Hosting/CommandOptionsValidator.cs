using Microsoft.Extensions.Options;

namespace Quoalise.Component.Hosting;

/// <summary>Checks the <c>Commands</c> section.</summary>
public sealed class CommandOptionsValidator : IValidateOptions<CommandOptions>
{
    public ValidateOptionsResult Validate(string? name, CommandOptions options)
    {
        var errors = new List<string>();
        if (options.SessionIdleTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Commands:SessionIdleTimeout must be a positive duration such as 00:15:00 (got {options.SessionIdleTimeout}).");
        }

        if (options.MaxSessionsPerRequester < 1)
        {
            errors.Add($"Commands:MaxSessionsPerRequester must be at least 1 (got {options.MaxSessionsPerRequester}).");
        }

        if (options.MaxSessions < options.MaxSessionsPerRequester)
        {
            errors.Add($"Commands:MaxSessions must be at least Commands:MaxSessionsPerRequester (got {options.MaxSessions}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
