using System.Text;
using Quoalise.Adapters.Ocpp.Connections;

namespace Quoalise.Adapters.Ocpp.Tests.Connections;

public class BasicCredentialsTests
{
    [Test]
    public void The_username_ends_at_the_first_colon_and_the_password_may_hold_more()
    {
        BasicCredentials.Parse("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("CP001:se:cret"))).Should().Be(new BasicCredentials("CP001", "se:cret"));
        BasicCredentials.Parse("basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("CP001:"))).Should().Be(new BasicCredentials("CP001", ""));
    }

    [TestCase(null)]
    [TestCase("Bearer abc")]
    [TestCase("Basic not-base64!")]
    [TestCase("Basic Q1AwMDE=")]
    public void Anything_else_is_no_credentials(string? header) => BasicCredentials.Parse(header).Should().BeNull();
}
