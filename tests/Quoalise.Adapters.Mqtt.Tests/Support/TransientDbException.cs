using System.Data.Common;

namespace Quoalise.Adapters.Mqtt.Tests.Support;

/// <summary>What a driver throws when the server is away for a moment (connection refused, restarting).</summary>
internal sealed class TransientDbException(string message) : DbException(message)
{
    public override bool IsTransient => true;
}
