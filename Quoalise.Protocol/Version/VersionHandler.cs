using System.Xml.Linq;
using Quoalise.Protocol.Routing;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Version;

/// <summary>
/// Answers XEP-0092 version queries with our name and version. The operating system is never sent:
/// §6 asks that it can be turned off, and it only helps an attacker. The reply is built once.
/// Thread-safe.
/// </summary>
/// <example><c>&lt;query xmlns='jabber:iq:version'&gt;&lt;name&gt;Quoalise&lt;/name&gt;&lt;version&gt;0.1.0&lt;/version&gt;&lt;/query&gt;</c></example>
public sealed class VersionHandler : IIqHandler
{
    private readonly XElement _answer;

    public VersionHandler(string name, string version)
    {
        _answer = new XElement(Xep0092.Query, new XElement(Xep0092.Name, name), new XElement(Xep0092.VersionElement, version));
    }

    public IReadOnlyList<IqRoute> Routes { get; } = [new(IqType.Get, Xep0092.Query)];

    public IReadOnlyList<string> Features { get; } = [Xep0092.Namespace];

    public Task<IqResponse> HandleAsync(IqRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(IqResponse.Result(new XElement(_answer)));
}
