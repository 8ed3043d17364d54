using System.Text;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>An HTTP Basic <c>Authorization</c> header (RFC 7617) as charge points send it on the upgrade request.</summary>
internal sealed record BasicCredentials(string Username, string Password)
{
    /// <returns>The credentials, or null when the header is absent or not well-formed Basic.</returns>
    public static BasicCredentials? Parse(string? header)
    {
        const string Scheme = "Basic ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        // The user-id cannot contain ':', the password may (RFC 7617 §2; ocpp-rpc sends passwords with colons).
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
    }
}
