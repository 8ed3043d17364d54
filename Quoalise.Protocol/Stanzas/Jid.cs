using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Quoalise.Protocol.Stanzas;

/// <summary>
/// An XMPP address (RFC 7622): <c>local@domain/resource</c>. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// The local and domain parts are case-folded with the invariant culture, which is what PRECIS
/// (UsernameCaseMapped, RFC 8265) and IDNA amount to for the ASCII addresses found in practice; the
/// resource is kept exactly, as RFC 7622 §3.4 makes it case-sensitive. Authorisation uses
/// <see cref="Bare"/> only, never the resource.
/// </remarks>
public sealed class Jid : IEquatable<Jid>
{
    /// <summary>RFC 7622 §3.1: each part is at most 1023 octets once encoded as UTF-8.</summary>
    public const int MaxPartBytes = 1023;

    // RFC 7622 §3.3.1: characters a localpart can never contain.
    private static readonly SearchValues<char> ForbiddenInLocal = SearchValues.Create("\"&'/:<>@ \t\r\n");

    private Jid(string? local, string domain, string? resource)
    {
        Local = local;
        Domain = domain;
        Resource = resource;
    }

    public string? Local { get; }

    public string Domain { get; }

    public string? Resource { get; }

    public bool IsBare => Resource is null;

    /// <summary>The address without its resource: the identity that access control decides on.</summary>
    public Jid Bare => Resource is null ? this : new Jid(Local, Domain, null);

    public static Jid Parse(string value) =>
        TryParse(value, out var jid, out var error) ? jid : throw new FormatException($"'{Excerpt.Of(value)}' is not a valid JID: {error}");

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Jid? jid) =>
        TryParse(value, out jid, out _);

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Jid? jid, out string error)
    {
        jid = null;
        if (string.IsNullOrEmpty(value))
        {
            error = "it is empty";
            return false;
        }

        // RFC 7622 §3.1: the resource starts at the first '/', the local part ends at the first '@' before it.
        var slash = value.IndexOf('/');
        var address = slash < 0 ? value : value[..slash];
        string? resource = slash < 0 ? null : value[(slash + 1)..];
        var at = address.IndexOf('@');
        string? local = at < 0 ? null : address[..at];
        var domain = (at < 0 ? address : address[(at + 1)..]).TrimEnd('.').ToLowerInvariant();

        if (local is not null)
        {
            if (local.Length == 0)
            {
                error = "the local part before '@' is empty";
                return false;
            }

            if (local.AsSpan().IndexOfAny(ForbiddenInLocal) >= 0 || HasControl(local))
            {
                error = "the local part contains a forbidden character";
                return false;
            }

            local = local.ToLowerInvariant();
        }

        if (domain.Length == 0 || domain.Contains('@') || HasControl(domain) || domain.Contains(' '))
        {
            error = "the domain part is empty or malformed";
            return false;
        }

        if (resource is not null && (resource.Length == 0 || HasControl(resource)))
        {
            error = "the resource after '/' is empty or contains a control character";
            return false;
        }

        if (TooLong(local) || TooLong(domain) || TooLong(resource))
        {
            error = $"a part is longer than {MaxPartBytes} bytes";
            return false;
        }

        jid = new Jid(local, domain, resource);
        error = string.Empty;
        return true;
    }

    /// <summary>Builds a JID from parts that are already known to be valid, such as our own domain.</summary>
    public static Jid Create(string? local, string domain, string? resource = null) =>
        Parse(local is null ? domain + (resource is null ? string.Empty : "/" + resource)
            : $"{local}@{domain}" + (resource is null ? string.Empty : "/" + resource));

    public Jid WithResource(string? resource) => resource is null ? Bare : new Jid(Local, Domain, resource);

    public bool Equals(Jid? other) =>
        other is not null && Local == other.Local && Domain == other.Domain && Resource == other.Resource;

    public override bool Equals(object? obj) => Equals(obj as Jid);

    public override int GetHashCode() => HashCode.Combine(Local, Domain, Resource);

    public override string ToString()
    {
        var bare = Local is null ? Domain : $"{Local}@{Domain}";
        return Resource is null ? bare : $"{bare}/{Resource}";
    }

    public static bool operator ==(Jid? left, Jid? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Jid? left, Jid? right) => !(left == right);

    private static bool HasControl(string s) => s.Any(char.IsControl);

    private static bool TooLong(string? part) => part is not null && Encoding.UTF8.GetByteCount(part) > MaxPartBytes;

}
