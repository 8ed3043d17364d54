using System.Xml.Linq;

namespace Quoalise.Protocol.Routing;

/// <summary>Receives <c>&lt;presence/&gt;</c> stanzas addressed to the component. Thread-safe.</summary>
public interface IPresenceHandler
{
    Task HandlePresenceAsync(XElement presence, CancellationToken cancellationToken);
}
