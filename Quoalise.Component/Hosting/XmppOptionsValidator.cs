using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Hosting;

/// <summary>Checks the <c>Xmpp</c> section, one message per wrong key, each naming the key and what it takes.</summary>
public sealed class XmppOptionsValidator : IValidateOptions<XmppOptions>
{
    public ValidateOptionsResult Validate(string? name, XmppOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("Xmpp:Host is required: the host of the XMPP server's component port, e.g. 127.0.0.1.");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"Xmpp:Port must be between 1 and 65535 (got {options.Port}); Prosody and ejabberd use 5347 by convention.");
        }

        if (!IsDomain(options.Domain))
        {
            errors.Add($"Xmpp:Domain must be the component's domain, e.g. quoalise.example.org (got '{options.Domain}').");
        }

        if (string.IsNullOrEmpty(options.Secret))
        {
            errors.Add("Xmpp:Secret is required: the component_secret the XMPP server has for Xmpp:Domain (set it with the Xmpp__Secret environment variable).");
        }

        if (!IsDomain(options.EffectiveServerDomain))
        {
            errors.Add($"Xmpp:ServerDomain must be the XMPP server's domain, e.g. example.org (got '{options.EffectiveServerDomain}').");
        }

        if (!string.IsNullOrWhiteSpace(options.TlsCertificateAuthority)
            && CertificateAuthorityError(options.TlsCertificateAuthority, options.UseTls) is { } authorityError)
        {
            errors.Add(authorityError);
        }

        if (options.MaxIncomingStanzaBytes < 64 * 1024)
        {
            errors.Add($"Xmpp:MaxIncomingStanzaBytes must be at least 65536 (got {options.MaxIncomingStanzaBytes}).");
        }

        if (options.MaxStanzaDepth is < 8 or > 1024)
        {
            errors.Add($"Xmpp:MaxStanzaDepth must be between 8 and 1024 (got {options.MaxStanzaDepth}).");
        }

        foreach (var (key, value) in new[]
                 {
                     ("KeepAliveInterval", options.KeepAliveInterval),
                     ("KeepAliveTimeout", options.KeepAliveTimeout),
                     ("ReconnectMaxDelay", options.ReconnectMaxDelay),
                     ("ConfigurationErrorDelay", options.ConfigurationErrorDelay),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Xmpp:{key} must be a positive duration such as 00:01:00 (got {value}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string? CertificateAuthorityError(string path, bool useTls)
    {
        if (!useTls)
        {
            return "Xmpp:TlsCertificateAuthority is only used with Xmpp:UseTls=true (a TLS component listener, e.g. ejabberd's tls: true).";
        }

        if (!File.Exists(path))
        {
            return $"Xmpp:TlsCertificateAuthority must be a PEM file of the certificates to trust; there is no file '{path}'.";
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            return $"Xmpp:TlsCertificateAuthority: '{path}' is not a PEM file of certificates: {e.Message}";
        }

        return authorities.Count == 0
            ? $"Xmpp:TlsCertificateAuthority: '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)."
            : null;
    }

    private static bool IsDomain(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Jid.TryParse(value, out var jid) && jid.Local is null && jid.Resource is null;
}
