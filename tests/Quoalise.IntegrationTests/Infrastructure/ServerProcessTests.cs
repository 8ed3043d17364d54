namespace Quoalise.IntegrationTests.Infrastructure;

[Parallelizable]
public sealed class ServerProcessTests
{
    [Test]
    public async Task A_missing_binary_fails_with_the_command_that_installs_it()
    {
        await using var server = new MissingBinaryServer();

        var start = () => server.StartAsync();

        await start.Should().ThrowAsync<InvalidOperationException>()
            .WithMessage($"*'{MissingBinaryServer.Binary}' is not installed*scripts/install-deps.sh*");
    }
}
