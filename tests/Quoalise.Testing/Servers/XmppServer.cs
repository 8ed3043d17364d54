using System.Security.Cryptography;

namespace Quoalise.Testing.Servers;

/// <summary>
/// A private XMPP server (Prosody, ejabberd) on free loopback ports: one domain for users, a client port with plaintext
/// login allowed, and an XEP-0114 component port with the components declared before start. What the component
/// and its tests need, whichever server runs. Not thread-safe: one owner (a fixture) drives it.
/// </summary>
public abstract class XmppServer : ServerProcess
{
    private readonly List<XmppComponent> _components = [];

    protected XmppServer(string name, string domain)
        : base(name)
    {
        Domain = domain;
        C2sPort = FreePort.Next();
        ComponentPort = FreePort.Next();
    }

    /// <summary>The domain users live on.</summary>
    public string Domain { get; }

    /// <summary>Client-to-server port on 127.0.0.1; kept across restarts.</summary>
    public int C2sPort { get; }

    /// <summary>XEP-0114 component port on 127.0.0.1; kept across restarts.</summary>
    public int ComponentPort { get; }

    public IReadOnlyList<XmppComponent> Components => _components;

    /// <summary>Lines the server logged at error level (or worse): a test environment expects none.</summary>
    public abstract IReadOnlyList<string> ErrorLogLines { get; }

    /// <summary>Declares an external component; its secret is random unless given. Only while the server is stopped.</summary>
    public XmppComponent AddComponent(string domain, string? secret = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"Add components before StartAsync (or after StopAsync): {Name} reads them at start.");
        }

        var component = new XmppComponent(domain, secret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        _components.Add(component);
        return component;
    }

    /// <summary>Stops politely (components get a <c>system-shutdown</c> stream error) and starts again on the same ports.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates (or resets the password of) an account on <see cref="Domain"/>.</summary>
    /// <returns>The account's bare JID.</returns>
    public abstract Task<string> RegisterUserAsync(string localPart, string password, CancellationToken cancellationToken = default);
}
