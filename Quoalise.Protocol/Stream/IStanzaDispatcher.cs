using System.Xml.Linq;

namespace Quoalise.Protocol.Stream;

/// <summary>What the link hands incoming stanzas to (the router). Thread-safe: called concurrently.</summary>
public interface IStanzaDispatcher
{
    Task DispatchAsync(XElement stanza, CancellationToken cancellationToken);

    /// <summary>A stanza whose content was skipped as too large or too deep: answer its sender.</summary>
    Task RejectSkippedAsync(XElement startTag, string reason, CancellationToken cancellationToken);

    /// <summary>The link went down: requests awaiting answers will never get them.</summary>
    void OnLinkDown(Exception reason);
}
