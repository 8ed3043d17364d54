using Quoalise.Testing.Servers;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Support;

/// <summary>
/// A private Prosody with one component domain and some accounts (password: the name + "-pw"), and the
/// slixmpp clients a fixture logged in with; disposing stops them all.
/// </summary>
internal sealed class XmppTestBed : IAsyncDisposable
{
    private readonly List<SlixmppClient> _clients = [];

    private XmppTestBed(ProsodyServer prosody, XmppComponent component)
    {
        Prosody = prosody;
        Component = component;
    }

    public ProsodyServer Prosody { get; }

    public XmppComponent Component { get; }

    public static async Task<XmppTestBed> StartAsync(string componentDomain, params string[] users)
    {
        var prosody = new ProsodyServer();
        var component = prosody.AddComponent(componentDomain);
        await prosody.StartAsync();
        foreach (var user in users)
        {
            await prosody.RegisterUserAsync(user, user + "-pw");
        }

        return new XmppTestBed(prosody, component);
    }

    /// <summary>The component's settings for this server, to which a test adds its own.</summary>
    public Dictionary<string, string?> Settings() => QuoaliseHost.SettingsFor(Prosody, Component);

    /// <summary>Logs one of the accounts in; the client is disconnected with the test bed.</summary>
    public async Task<SlixmppClient> ConnectAsync(string user)
    {
        var client = await SlixmppClient.ConnectAsync($"{user}@{Prosody.Domain}", user + "-pw", Prosody.C2sPort);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Prosody.DisposeAsync();
    }
}
