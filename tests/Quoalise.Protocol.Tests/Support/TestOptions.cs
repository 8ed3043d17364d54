using Quoalise.Protocol.Stream;

namespace Quoalise.Protocol.Tests.Support;

internal static class TestOptions
{
    public const string Domain = "quoalise.localhost";
    public const string Secret = "s3cret";

    public static ComponentConnectionOptions Connection => new()
    {
        Host = "127.0.0.1",
        Domain = Domain,
        Secret = Secret,
        ServerDomain = "localhost",
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };
}
