using Microsoft.Extensions.Options;
using Quoalise.Adapters.Access;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Access;

/// <summary>
/// Access decisions from the <c>Access</c> section: admins hold every right; grants give a role over
/// series patterns to a subject pattern. Parsed once at start (the validator has already refused bad
/// patterns). Thread-safe.
/// </summary>
public sealed class AccessPolicy : IAccessPolicy
{
    private readonly HashSet<Jid> _admins;
    private readonly IReadOnlyList<Grant> _grants;

    public AccessPolicy(IOptions<AccessOptions> options)
    {
        _admins = options.Value.Admins.Select(a => Jid.Parse(a).Bare).ToHashSet();
        _grants = options.Value.Grants.Select(Grant.From).ToList();
    }

    public bool Allows(Jid requester, Permission permission) =>
        IsAdmin(requester) || _grants.Any(g => g.Role >= permission && g.Subject.Matches(requester.Bare));

    public bool MayRead(Jid requester, string seriesIdentifier) =>
        IsAdmin(requester) || _grants.Any(g => g.Subject.Matches(requester.Bare) && g.Series.Any(s => s.Matches(seriesIdentifier)));

    private bool IsAdmin(Jid requester) => _admins.Contains(requester.Bare);

    /// <summary>Parses a role name of the configuration; null when it is not one.</summary>
    public static Permission? ParseRole(string role) => role.ToLowerInvariant() switch
    {
        "read" => Permission.Read,
        "operate" => Permission.Operate,
        "admin" => Permission.Admin,
        _ => null,
    };

    private sealed record Grant(JidPattern Subject, Permission Role, IReadOnlyList<SeriesPattern> Series)
    {
        public static Grant From(GrantOptions options)
        {
            JidPattern.TryParse(options.Subject, out var subject);
            return new Grant(
                subject,
                ParseRole(options.Role) ?? Permission.Read,
                options.Series.Count == 0 ? [SeriesPattern.All] : options.Series.Select(s => new SeriesPattern(s)).ToList());
        }
    }
}
