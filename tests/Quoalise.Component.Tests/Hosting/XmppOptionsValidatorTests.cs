using Quoalise.Component.Hosting;
using Quoalise.Testing.Servers;

namespace Quoalise.Component.Tests.Hosting;

public class XmppOptionsValidatorTests
{
    [Test]
    public void Valid_settings_pass_and_the_server_domain_defaults_to_the_parent_domain()
    {
        var options = new XmppOptions { Domain = "quoalise.example.org", Secret = "s" };

        new XmppOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        options.EffectiveServerDomain.Should().Be("example.org");
        options.ToConnectionOptions().ServerDomain.Should().Be("example.org");
    }

    [Test]
    public void Every_wrong_setting_gets_its_own_line_naming_the_key()
    {
        var result = new XmppOptionsValidator().Validate(null, new XmppOptions
        {
            Host = "",
            Port = 70000,
            Domain = "user@quoalise",
            Secret = "",
            ServerDomain = "a b",
            KeepAliveInterval = TimeSpan.Zero,
        });

        result.Failed.Should().BeTrue();
        result.Failures!.Select(f => f.Split(' ')[0]).Should().Equal(
            "Xmpp:Host", "Xmpp:Port", "Xmpp:Domain", "Xmpp:Secret", "Xmpp:ServerDomain", "Xmpp:KeepAliveInterval");
        result.Failures.Should().Contain(f => f.Contains("Xmpp__Secret", StringComparison.Ordinal));
    }

    [Test]
    public void A_tls_certificate_authority_must_be_a_pem_certificate_file_and_goes_with_use_tls()
    {
        var folder = Directory.CreateTempSubdirectory("quoalise-ca-").FullName;
        try
        {
            using var authority = TestCertificateAuthority.Create(folder);
            var notPem = Path.Combine(folder, "notes.txt");
            File.WriteAllText(notPem, "not a certificate");
            var missing = Path.Combine(folder, "missing.pem");

            string[] Failures(bool useTls, string path) =>
                [.. new XmppOptionsValidator().Validate(null, new XmppOptions { Domain = "quoalise.example.org", Secret = "s", UseTls = useTls, TlsCertificateAuthority = path }).Failures ?? []];

            Failures(useTls: true, authority.CertificatePath).Should().BeEmpty();
            Failures(useTls: false, authority.CertificatePath).Should().ContainSingle().Which.Should().Contain("only used with Xmpp:UseTls=true");
            Failures(useTls: true, missing).Should().ContainSingle().Which.Should().Contain("there is no file").And.Contain(missing);
            Failures(useTls: true, notPem).Should().ContainSingle().Which.Should().Contain("holds no PEM certificate");
            new XmppOptions { Domain = "quoalise.example.org", Secret = "s", UseTls = true, TlsCertificateAuthority = authority.CertificatePath }
                .ToConnectionOptions().TlsCertificateAuthority.Should().Be(authority.CertificatePath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
