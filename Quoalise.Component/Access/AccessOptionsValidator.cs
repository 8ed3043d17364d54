using Microsoft.Extensions.Options;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Access;

/// <summary>Checks the <c>Access</c> section, one message per wrong entry, naming its key.</summary>
public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Admins.Count; i++)
        {
            if (!Jid.TryParse(options.Admins[i], out var jid) || jid.Resource is not null || jid.Local is null)
            {
                errors.Add($"Access:Admins:{i} must be a bare JID such as alice@example.org (got '{options.Admins[i]}').");
            }
        }

        for (var i = 0; i < options.Grants.Count; i++)
        {
            var grant = options.Grants[i];
            if (!JidPattern.TryParse(grant.Subject, out _))
            {
                errors.Add($"Access:Grants:{i}:Subject must be a bare JID, *@domain, a domain or * (got '{grant.Subject}').");
            }

            if (AccessPolicy.ParseRole(grant.Role) is null)
            {
                errors.Add($"Access:Grants:{i}:Role must be read, operate or admin (got '{grant.Role}').");
            }

            for (var s = 0; s < grant.Series.Count; s++)
            {
                if (string.IsNullOrWhiteSpace(grant.Series[s]))
                {
                    errors.Add($"Access:Grants:{i}:Series:{s} must be a series identifier pattern such as urn:dev:* (got an empty value).");
                }
            }
        }

        foreach (var (key, limit) in new[] { ("Commands", options.Commands), ("Requests", options.Requests) })
        {
            if (limit.PermitsPerMinute < 1 || limit.Burst < 1)
            {
                errors.Add($"Access:{key}:PermitsPerMinute and Access:{key}:Burst must be at least 1 (got {limit.PermitsPerMinute} and {limit.Burst}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
