using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Quoalise.Testing.Xmpp;

/// <summary>
/// A real, independent XMPP client for integration tests: slixmpp 1.8 (<c>tests/servers/slixmpp/xmpp_driver.py</c>)
/// logged in over plaintext c2s, driven through JSON lines. Replies come back as the full stanza, result or error
/// alike, in the <c>jabber:client</c> namespace. A timeout throws <see cref="TimeoutException"/>; a request the driver
/// could not carry out throws <see cref="InvalidOperationException"/> with the Python traceback.
/// Thread-safe: requests may be sent concurrently.
/// </summary>
public sealed class SlixmppClient : IAsyncDisposable
{
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromSeconds(20);

    private static readonly XmlReaderSettings StanzaReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    private readonly SlixmppProcess _driver;

    private SlixmppClient(SlixmppProcess driver, string jid)
    {
        _driver = driver;
        Jid = jid;
    }

    /// <summary>The full JID the server bound (<c>local@domain/resource</c>).</summary>
    public string Jid { get; }

    /// <summary>How long to wait for a reply when a call names no timeout.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The driver's stderr (slixmpp warnings, Python tracebacks): worth printing when a test fails.</summary>
    public string Diagnostics => _driver.Diagnostics;

    /// <summary>Logs in and returns once the session has started; fails with the driver's words otherwise.</summary>
    /// <param name="jid">A bare or full JID; without a resource, the server picks one.</param>
    public static async Task<SlixmppClient> ConnectAsync(
        string jid, string password, int port, string host = "127.0.0.1", CancellationToken cancellationToken = default)
    {
        var driver = SlixmppProcess.Start(
            "xmpp_driver.py", [jid, password, "--port", port.ToString(CultureInfo.InvariantCulture), "--host", host]);
        try
        {
            var started = await driver.WaitForEventAsync("session_start", 1, LoginTimeout, cancellationToken).ConfigureAwait(false);
            return new SlixmppClient(driver, started.GetProperty("jid").GetString()!);
        }
        catch
        {
            await driver.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a raw <c>&lt;iq type="get|set"/&gt;</c> (an id is added when missing) and returns the reply.</summary>
    public async Task<XElement> SendIqAsync(string rawXml, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Stanza(await RequestAsync(new JsonObject { ["op"] = "iq", ["xml"] = rawXml }, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Sends an XEP-0050 command (slixmpp's <c>send_command</c>) and returns the reply. <paramref name="fields"/>, when given,
    /// go as a submitted data form, values exactly as written.
    /// </summary>
    public async Task<XElement> ExecuteCommandAsync(
        string jid,
        string node,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? fields = null,
        string action = "execute",
        string? sessionId = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["op"] = "command",
            ["jid"] = jid,
            ["node"] = node,
            ["action"] = action,
            ["sessionid"] = sessionId,
        };
        if (fields is not null)
        {
            var form = new JsonObject();
            foreach (var (var, values) in fields)
            {
                form[var] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
            }

            request["fields"] = form;
        }

        return Stanza(await RequestAsync(request, timeout, cancellationToken).ConfigureAwait(false));
    }

    public async Task<XElement> DiscoInfoAsync(string jid, string? node = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Stanza(await RequestAsync(new JsonObject { ["op"] = "disco_info", ["jid"] = jid, ["node"] = node }, timeout, cancellationToken).ConfigureAwait(false));

    public async Task<XElement> DiscoItemsAsync(string jid, string? node = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Stanza(await RequestAsync(new JsonObject { ["op"] = "disco_items", ["jid"] = jid, ["node"] = node }, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>XEP-0199 ping; the reply is returned whether result or error.</summary>
    public async Task<XElement> PingAsync(string jid, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Stanza(await RequestAsync(new JsonObject { ["op"] = "ping", ["jid"] = jid }, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>XEP-0092 software version.</summary>
    public async Task<XElement> VersionAsync(string jid, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Stanza(await RequestAsync(new JsonObject { ["op"] = "version", ["jid"] = jid }, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>Sends a raw <c>&lt;message/&gt;</c>.</summary>
    public Task SendMessageAsync(string rawXml, CancellationToken cancellationToken = default) =>
        RequestAsync(new JsonObject { ["op"] = "send_message", ["xml"] = rawXml }, null, cancellationToken);

    /// <summary>The next <c>&lt;message/&gt;</c> received (all are queued as they arrive), or null if none comes in time.</summary>
    public async Task<XElement?> NextMessageAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var response = await RequestAsync(new JsonObject { ["op"] = "next_message" }, timeout, cancellationToken, allowTimeout: true)
            .ConfigureAwait(false);
        return response.GetProperty("status").GetString() == "timeout" ? null : Stanza(response);
    }

    /// <summary>Sends available presence with this priority (and optional show and status).</summary>
    public Task SetPresenceAsync(int priority, string? show = null, string? status = null, CancellationToken cancellationToken = default) =>
        RequestAsync(new JsonObject { ["op"] = "presence", ["priority"] = priority, ["show"] = show, ["status"] = status }, null, cancellationToken);

    /// <summary>Closes the stream politely and waits for the driver to exit.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        await RequestAsync(new JsonObject { ["op"] = "disconnect" }, null, cancellationToken).ConfigureAwait(false);
        await _driver.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _driver.DisposeAsync();

    private async Task<JsonElement> RequestAsync(
        JsonObject request, TimeSpan? timeout, CancellationToken cancellationToken, bool allowTimeout = false)
    {
        var limit = timeout ?? DefaultTimeout;
        var response = await _driver.RequestAsync(request, limit, cancellationToken).ConfigureAwait(false);
        switch (response.GetProperty("status").GetString())
        {
            case "ok":
                return response;
            case "timeout" when allowTimeout:
                return response;
            case "timeout":
                throw new TimeoutException($"No reply to {request["op"]} within {limit.TotalSeconds} s.\n{Diagnostics}");
            default:
                throw new InvalidOperationException(
                    $"The slixmpp driver could not do {request["op"]}: {response.GetProperty("error").GetString()}\n"
                    + response.GetProperty("traceback").GetString());
        }
    }

    private static XElement Stanza(JsonElement response)
    {
        var xml = response.GetProperty("xml").GetString()
            ?? throw new InvalidOperationException("The slixmpp driver returned no stanza.");
        using var reader = XmlReader.Create(new StringReader(xml), StanzaReaderSettings);
        return XElement.Load(reader);
    }
}
