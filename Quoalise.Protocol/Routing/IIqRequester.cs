using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Routing;

/// <summary>Sends iq requests from the component and awaits their answers. Thread-safe.</summary>
public interface IIqRequester
{
    /// <summary>Sends an iq get/set from our domain and returns the result's payload (null for an empty result).</summary>
    /// <exception cref="IqErrorException">The peer answered with an error.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="LinkUnavailableException">The link went down before an answer came.</exception>
    Task<XElement?> RequestAsync(Jid to, IqType type, XElement payload, TimeSpan timeout, CancellationToken cancellationToken);
}
