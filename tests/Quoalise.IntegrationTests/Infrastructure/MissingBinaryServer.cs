using Quoalise.Testing.Servers;

namespace Quoalise.IntegrationTests.Infrastructure;

/// <summary>A server whose binary is not installed, to see what a developer without the packages is told.</summary>
internal sealed class MissingBinaryServer() : ServerProcess("missing")
{
    public const string Binary = "quoalise-no-such-server";

    public override Task StartAsync(CancellationToken cancellationToken = default)
    {
        StartProcess(Binary, []);
        return Task.CompletedTask;
    }
}
