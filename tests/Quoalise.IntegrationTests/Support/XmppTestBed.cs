using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Support;

/// <summary>The real XMPP servers the component is tested behind.</summary>
public enum XmppServerKind
{
    Prosody,
    Ejabberd,
}

internal static class XmppServerKinds
{
    /// <summary>A new, stopped server of this kind on free loopback ports.</summary>
    public static XmppServer Create(this XmppServerKind kind) => kind == XmppServerKind.Ejabberd ? new EjabberdServer() : new ProsodyServer();
}

/// <summary>
/// A private XMPP server (Prosody unless asked otherwise) with one component domain and some accounts (password:
/// the name + "-pw"), and the slixmpp clients a fixture logged in with; disposing stops them all.
/// </summary>
internal sealed class XmppTestBed : IAsyncDisposable
{
    private readonly List<SlixmppClient> _clients = [];

    private XmppTestBed(XmppServer server, XmppComponent component)
    {
        Server = server;
        Component = component;
    }

    public XmppServer Server { get; }

    public XmppComponent Component { get; }

    public static Task<XmppTestBed> StartAsync(string componentDomain, params string[] users) =>
        StartAsync(XmppServerKind.Prosody, componentDomain, users);

    public static async Task<XmppTestBed> StartAsync(XmppServerKind kind, string componentDomain, params string[] users)
    {
        var server = kind.Create();
        var component = server.AddComponent(componentDomain);
        await server.StartAsync();
        foreach (var user in users)
        {
            await server.RegisterUserAsync(user, user + "-pw");
        }

        return new XmppTestBed(server, component);
    }

    /// <summary>The component's settings for this server, to which a test adds its own.</summary>
    public Dictionary<string, string?> Settings() => QuoaliseHost.SettingsFor(Server, Component);

    /// <summary>Logs one of the accounts in; the client is disconnected with the test bed.</summary>
    public async Task<SlixmppClient> ConnectAsync(string user)
    {
        var client = await SlixmppClient.ConnectAsync($"{user}@{Server.Domain}", user + "-pw", Server.C2sPort);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        var errors = Server.ErrorLogLines;
        await Server.DisposeAsync();
        errors.Should().BeEmpty($"{Server.Name} logs no error while serving the component");
    }
}
