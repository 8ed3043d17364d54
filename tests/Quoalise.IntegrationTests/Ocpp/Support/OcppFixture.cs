using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quoalise.Adapters.Ocpp;
using Quoalise.Adapters.Ocpp.Security;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Adapters.Storage;
using Quoalise.IntegrationTests.Storage;
using Quoalise.IntegrationTests.Support;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>
/// The component with its OCPP adapter behind a real Prosody, on its default SQLite storage or a database of its
/// own on the shared MariaDB or PostgreSQL, shared by a fixture's tests; each test uses charge point ids and tags
/// of its own. Charge points are real ocpp-rpc processes, disposed after each test. XMPP clients (admin,
/// operator, reader, fitter) log in when a fixture asks.
/// </summary>
public abstract class OcppFixture
{
    protected const string Component = "quoalise.localhost";
    protected const string Key = "0123456789abcdef0123";

    private readonly List<OcppChargePoint> _chargePoints = [];
    private readonly SqlEngine _engine;
    private XmppTestBed _xmpp = null!;
    private TestDatabase? _database;

    protected OcppFixture()
        : this(SqlEngine.Sqlite)
    {
    }

    /// <param name="engine">MySql and Postgres need the fixture in the Storage namespace, whose set-up fixture stops their servers.</param>
    protected OcppFixture(SqlEngine engine) => _engine = engine;

    internal QuoaliseHost Host { get; private set; } = null!;

    internal SlixmppClient Admin { get; private set; } = null!;

    internal SlixmppClient Operator { get; private set; } = null!;

    internal SlixmppClient Reader { get; private set; } = null!;

    /// <summary>May operate connector 1 of the charge points whose id starts with F-, and read its series only.</summary>
    internal SlixmppClient Fitter { get; private set; } = null!;

    /// <summary>The OCPP endpoint, e.g. <c>ws://127.0.0.1:port/ocpp</c>.</summary>
    protected Uri Endpoint => new($"ws://{Host.BaseAddress.Authority}/ocpp");

    /// <summary>Settings of the fixture beyond the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual bool UsesXmpp => false;

    [OneTimeSetUp]
    public async Task StartFixtureAsync()
    {
        _xmpp = await XmppTestBed.StartAsync(Component, UsesXmpp ? ["admin", "operator", "reader", "fitter"] : []);
        var settings = _xmpp.Settings();
        settings["Access:Admins:0"] = "admin@localhost";
        settings["Access:Grants:0:Subject"] = "operator@localhost";
        settings["Access:Grants:0:Role"] = "operate";
        settings["Access:Grants:0:Series:0"] = "urn:dev:ocpp:*";
        settings["Access:Grants:1:Subject"] = "reader@localhost";
        settings["Access:Grants:1:Role"] = "read";
        settings["Access:Grants:1:Series:0"] = "urn:dev:ocpp:R-*";
        settings["Access:Grants:2:Subject"] = "fitter@localhost";
        settings["Access:Grants:2:Role"] = "operate";
        settings["Access:Grants:2:Series:0"] = "urn:dev:ocpp:F-*:1_*";
        if (_engine != SqlEngine.Sqlite)
        {
            _database = await TestDatabase.CreateAsync(_engine);
            settings["Storage:Provider"] = _database.Provider;
            settings["Storage:ConnectionString"] = _database.ConnectionString;
        }

        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Host = await QuoaliseHost.StartAsync(settings, configure: b => b.AddOcppAdapter());
        if (UsesXmpp)
        {
            Admin = await _xmpp.ConnectAsync("admin");
            Operator = await _xmpp.ConnectAsync("operator");
            Reader = await _xmpp.ConnectAsync("reader");
            Fitter = await _xmpp.ConnectAsync("fitter");
        }
    }

    [OneTimeTearDown]
    public async Task StopFixtureAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _xmpp.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [TearDown]
    public async Task DisposeChargePointsAsync()
    {
        foreach (var chargePoint in _chargePoints)
        {
            await chargePoint.DisposeAsync();
        }

        _chargePoints.Clear();
    }

    internal T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>A charge point id no other test uses, registered with a Basic key (profile 1) unless told otherwise.</summary>
    protected async Task<string> RegisterAsync(string prefix = "CP", int securityProfile = 1, string registrationStatus = "Accepted", [CallerMemberName] string test = "")
    {
        var id = $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
        await Get<ChargePointStore>().AddAsync(
            id, securityProfile, securityProfile == 0 ? null : KeyHasher.Hash(Key), registrationStatus, autoRegistered: false, UnixMicros.From(DateTimeOffset.UtcNow), CancellationToken.None);
        TestContext.Progress.WriteLine($"{test}: charge point {id}");
        return id;
    }

    /// <summary>An id tag no other test uses, listed with the given status, expiry, parent and blocked flag.</summary>
    protected async Task<string> AddTagAsync(string status = "Accepted", DateTimeOffset? expiry = null, string? parent = null, bool blocked = false)
    {
        var tag = "T" + Guid.NewGuid().ToString("N")[..12];
        await Get<IdTagStore>().AddAsync(
            new IdTagRow { IdTag = tag, Status = status, ExpiryUs = expiry is { } e ? UnixMicros.From(e) : null, ParentIdTag = parent, Blocked = blocked ? 1 : 0 },
            UnixMicros.From(DateTimeOffset.UtcNow),
            CancellationToken.None);
        return tag;
    }

    internal async Task<OcppChargePoint> ConnectAsync(string id, string protocol = "ocpp1.6", string? password = Key)
    {
        var chargePoint = await OcppChargePoint.ConnectAsync(Endpoint, id, protocol, password);
        _chargePoints.Add(chargePoint);
        return chargePoint;
    }

    /// <summary>A charge point process that has not connected yet (for refused handshakes).</summary>
    internal OcppChargePoint Unconnected(string id)
    {
        var chargePoint = OcppChargePoint.Start(id);
        _chargePoints.Add(chargePoint);
        return chargePoint;
    }

    /// <summary>Connects and boots; returns the charge point once Accepted.</summary>
    internal async Task<OcppChargePoint> BootAsync(string id, string protocol = "ocpp1.6")
    {
        var chargePoint = await ConnectAsync(id, protocol);
        var boot = protocol == "ocpp1.6"
            ? await chargePoint.CallAsync("BootNotification", new { chargePointVendor = "Quoalise", chargePointModel = "ocpp-rpc", firmwareVersion = "1.0" })
            : await chargePoint.CallAsync("BootNotification", new { reason = "PowerUp", chargingStation = new { vendorName = "Quoalise", model = "ocpp-rpc", firmwareVersion = "1.0" } });
        boot.GetProperty("status").GetString().Should().Be("Accepted");
        return chargePoint;
    }

    protected static string Iso(DateTimeOffset time) => IsoTime.Of(time);
}
