using Quoalise.Component.Hosting;

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
}
