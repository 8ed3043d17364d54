using System.Xml.Linq;

namespace Quoalise.Protocol.Routing;

/// <summary>Receives <c>&lt;message/&gt;</c> stanzas (never errors) addressed to the component. Thread-safe.</summary>
public interface IMessageHandler
{
    Task HandleMessageAsync(XElement message, CancellationToken cancellationToken);
}
