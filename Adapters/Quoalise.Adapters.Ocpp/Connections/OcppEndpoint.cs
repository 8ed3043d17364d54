using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>
/// <c>{Ocpp:Path}/{chargePointId}</c> on the component's Kestrel: checks identity and credentials before the
/// upgrade, negotiates the subprotocol in the charge point's order of preference (none of ours: the
/// handshake completes without one and the socket closes, OCPP-J §3.2), pings every
/// <c>WebSocketPingInterval</c>, replaces a previous connection of the same id, and runs the connection
/// until it ends. Thread-safe.
/// </summary>
internal sealed class OcppEndpoint
{
    private readonly ChargePointAuthenticator _authenticator;
    private readonly ConnectionRegistry _registry;
    private readonly IncomingCallDispatcher _dispatcher;
    private readonly ChargePointStore _chargePoints;
    private readonly OcppOptions _options;
    private readonly ConnectionSettings _settings;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    public OcppEndpoint(
        ChargePointAuthenticator authenticator,
        ConnectionRegistry registry,
        IncomingCallDispatcher dispatcher,
        ChargePointStore chargePoints,
        IOptions<OcppOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        _authenticator = authenticator;
        _registry = registry;
        _dispatcher = dispatcher;
        _chargePoints = chargePoints;
        _options = options.Value;
        _settings = new ConnectionSettings(_options.MaxMessageBytes, _options.MessagesPerSecond, _options.MessageBurst, _options.CallTimeout, _options.MaxQueuedCalls);
        _time = time;
        _lifetime = lifetime;
        _loggers = loggers;
        _logger = loggers.CreateLogger<OcppEndpoint>();
    }

    public void Map(IEndpointRouteBuilder endpoints)
    {
        // The WebSocket middleware only for this route: the host's pipeline stays as it is.
        var branch = endpoints.CreateApplicationBuilder();
        if (_options.TrustedProxies.Count > 0)
        {
            branch.UseForwardedHeaders(ForwardedHeadersFromTrustedProxies());
        }

        branch.UseWebSockets();
        branch.Run(HandleAsync);
        endpoints.Map(_options.Path + "/{chargePointId}", branch.Build()).WithDisplayName("OCPP-J charge point endpoint");
    }

    // Only the proxies configured, none by default (ASP.NET trusts loopback unless told otherwise): anyone else's
    // X-Forwarded-Proto would let a profile 2 charge point in over plain ws://.
    private ForwardedHeadersOptions ForwardedHeadersFromTrustedProxies()
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in _options.TrustedProxies)
        {
            TrustedProxy.TryParse(proxy, out var network);
            forwarded.KnownIPNetworks.Add(network);
        }

        return forwarded;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress?.ToString();
        var chargePointId = context.Request.RouteValues["chargePointId"] as string ?? string.Empty;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, $"Charge points connect here with a WebSocket upgrade (ws:// or wss://), subprotocol ocpp1.6 or ocpp2.0.1.");
            return;
        }

        if (ChargePointIdentity.Problem(chargePointId) is { } problem)
        {
            OcppLog.BadIdentity(_logger, remote, problem);
            await RefuseAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        // Negotiated first: an unknown charge point is registered automatically only if it could then talk to us.
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var version = OcppSubprotocols.Negotiate(offered);
        var decision = await _authenticator.AuthenticateAsync(
            chargePointId,
            BasicCredentials.Parse(context.Request.Headers.Authorization),
            context.Request.IsHttps,
            mayAutoRegister: version is not null,
            remote,
            context.RequestAborted);
        if (decision.ChargePoint is not { } chargePoint)
        {
            if (decision.StatusCode == StatusCodes.Status401Unauthorized)
            {
                OcppLog.AuthenticationFailed(_logger, chargePointId, remote, decision.Reason);
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"OCPP\", charset=\"UTF-8\"";
            }

            await RefuseAsync(context, decision.StatusCode, decision.Reason);
            return;
        }

        var accept = new WebSocketAcceptContext
        {
            SubProtocol = version is { } v ? OcppSubprotocols.NameOf(v) : null,
            KeepAliveInterval = _options.WebSocketPingInterval,
            KeepAliveTimeout = _options.WebSocketPongTimeout,
        };
        using var socket = await context.WebSockets.AcceptWebSocketAsync(accept);
        if (version is null)
        {
            OcppLog.NoSubprotocol(_logger, chargePointId, offered.Count == 0 ? "none" : string.Join(", ", offered));
            await socket.CloseOutputAsync(WebSocketCloseStatus.ProtocolError, "No supported subprotocol: offer ocpp1.6 or ocpp2.0.1", context.RequestAborted);
            return;
        }

        await RunAsync(chargePoint, version.Value, socket, remote);
    }

    private async Task RunAsync(ChargePointRow chargePoint, OcppVersion version, WebSocket socket, string? remote)
    {
        // A reconnection carries on without a new BootNotification (OCPP-J 1.6 §5.4): the last boot's answer stands.
        var accepted = chargePoint.BootStatus == BootService.Accepted && chargePoint.RegistrationStatus == BootService.Accepted;
        var connection = new ChargePointConnection(
            chargePoint.Id, version, accepted, socket, _dispatcher, _settings, _time, _loggers.CreateLogger<ChargePointConnection>());
        OcppLog.Connected(_logger, chargePoint.Id, OcppSubprotocols.NameOf(version), remote);
        if (_registry.Add(connection) is { } replaced)
        {
            OcppLog.Replaced(_logger, chargePoint.Id);
            await replaced.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Replaced by a newer connection of the same charge point");
        }

        try
        {
            await connection.RunAsync(_lifetime.ApplicationStopping);
        }
        finally
        {
            _registry.Remove(connection);
            OcppLog.Disconnected(_logger, chargePoint.Id, _time.GetUtcNow() - connection.ConnectedAt);
            try
            {
                await _chargePoints.RecordSeenAsync(chargePoint.Id, UnixMicros.From(connection.LastSeen), CancellationToken.None);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // Last-seen is informative; the database being away must not hide the disconnection.
                OcppLog.LastSeenNotRecorded(_logger, chargePoint.Id, e.Message);
            }
        }
    }

    private static async Task RefuseAsync(HttpContext context, int statusCode, string reason)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason + "\n", context.RequestAborted);
    }
}
