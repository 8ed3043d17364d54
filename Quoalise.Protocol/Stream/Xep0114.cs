using System.Security.Cryptography;
using System.Security;
using System.Text;

namespace Quoalise.Protocol.Stream;

/// <summary>XEP-0114 (Jabber Component Protocol) wire text and the handshake digest.</summary>
public static class Xep0114
{
    /// <summary>
    /// The stream header: <c>to</c> is our component domain; no version, no features, no SASL (§3).
    /// </summary>
    public static string StreamHeader(string componentDomain) =>
        $"<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='{SecurityElement.Escape(componentDomain)}'>";

    public const string StreamClose = "</stream:stream>";

    /// <summary>
    /// Lowercase hex SHA-1 of stream id + secret over UTF-8 (§3). ejabberd compares case-sensitively
    /// against lowercase, so lowercase it must be.
    /// </summary>
    public static string HandshakeDigest(string streamId, string secret) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(streamId + secret)));
}
