using System.Collections.Frozen;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Quoalise.Protocol.Stanzas;
using Quoalise.Protocol.Stream;
using Quoalise.Protocol.Xml;

namespace Quoalise.Protocol.Routing;

/// <summary>
/// Routes incoming stanzas: iq get/set to the handler of their payload, iq results and errors to our
/// pending requests (never answered), messages and presence to their handlers. Everything a handler
/// throws becomes an error reply and a log line: one bad stanza never stops the component.
/// Thread-safe; stanzas are dispatched concurrently.
/// </summary>
public sealed class StanzaRouter : IIqRequester, IStanzaDispatcher
{
    private readonly FrozenDictionary<IqRoute, IIqHandler> _routes;
    private readonly IReadOnlyList<IMessageHandler> _messageHandlers;
    private readonly IReadOnlyList<IPresenceHandler> _presenceHandlers;
    private readonly IStanzaSender _sender;
    private readonly PerJidRateLimiter _limiter;
    private readonly ILogger _logger;
    private readonly PendingIqs _pending = new();

    /// <exception cref="InvalidOperationException">Two handlers claim the same route.</exception>
    public StanzaRouter(
        Jid domain,
        IEnumerable<IIqHandler> handlers,
        IEnumerable<IMessageHandler> messageHandlers,
        IEnumerable<IPresenceHandler> presenceHandlers,
        IStanzaSender sender,
        PerJidRateLimiter limiter,
        ILogger<StanzaRouter> logger)
    {
        Domain = domain.Bare;
        var routes = new Dictionary<IqRoute, IIqHandler>();
        var features = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var route in handler.Routes)
            {
                if (!routes.TryAdd(route, handler))
                {
                    throw new InvalidOperationException($"Both {routes[route].GetType().Name} and {handler.GetType().Name} handle {route}.");
                }
            }

            features.UnionWith(handler.Features);
        }

        _routes = routes.ToFrozenDictionary();
        Features = features.ToList();
        _messageHandlers = messageHandlers.ToList();
        _presenceHandlers = presenceHandlers.ToList();
        _sender = sender;
        _limiter = limiter;
        _logger = logger;
    }

    /// <summary>Our component domain: iqs to anything else (e.g. <c>user@domain</c>) are not ours to serve.</summary>
    public Jid Domain { get; }

    /// <summary>The XEP-0030 features of every handler, sorted.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Handles one incoming stanza. Never throws, but for cancellation.</summary>
    public async Task DispatchAsync(XElement stanza, CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _logger.StanzaReceived(stanza.ToString(SaveOptions.DisableFormatting));
        }

        if (stanza.Name == XmppNames.Iq)
        {
            await DispatchIqAsync(stanza, cancellationToken).ConfigureAwait(false);
        }
        else if (stanza.Name == XmppNames.Message)
        {
            await DispatchToAsync(stanza, _messageHandlers, static (h, s, ct) => h.HandleMessageAsync(s, ct), cancellationToken).ConfigureAwait(false);
        }
        else if (stanza.Name == XmppNames.Presence)
        {
            await DispatchToAsync(stanza, _presenceHandlers, static (h, s, ct) => h.HandlePresenceAsync(s, ct), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _logger.StanzaDropped(stanza.Name.LocalName, (string?)stanza.Attribute("from"), "not a stanza");
        }
    }

    /// <summary>Answers a stanza whose content the reader skipped (too large or too deep).</summary>
    public async Task RejectSkippedAsync(XElement startTag, string reason, CancellationToken cancellationToken)
    {
        _logger.StanzaSkipped(startTag.Name.LocalName, (string?)startTag.Attribute("from"), reason);
        if (startTag.Name == XmppNames.Iq && Stanza.ParseIqType((string?)startTag.Attribute("type")) is IqType.Get or IqType.Set)
        {
            await ReplyAsync(startTag, Stanza.Error(startTag, StanzaErrors.TooLarge(reason)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<XElement?> RequestAsync(Jid to, IqType type, XElement payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = _pending.NextId();
        var answer = _pending.Register(id, to, timeout, cancellationToken);
        await _sender.SendAsync(Stanza.Iq(type, Domain, to, id, payload), cancellationToken).ConfigureAwait(false);
        var response = await answer.ConfigureAwait(false);
        if (Stanza.ParseIqType((string?)response.Attribute("type")) == IqType.Error)
        {
            throw new IqErrorException(StanzaErrorCodec.Read(response));
        }

        return response.Elements().FirstOrDefault();
    }

    /// <summary>Fails every pending request of ours: the link is down and their answers are lost.</summary>
    public void OnLinkDown(Exception reason) => _pending.FailAll(reason);

    private async Task DispatchIqAsync(XElement iq, CancellationToken cancellationToken)
    {
        var fromText = (string?)iq.Attribute("from");
        var id = (string?)iq.Attribute("id");
        var type = Stanza.ParseIqType((string?)iq.Attribute("type"));

        // RFC 6120 §8.2.3: results and errors are never answered, matched or not.
        if (type is IqType.Result or IqType.Error)
        {
            if (!_pending.TryComplete(iq))
            {
                _logger.StanzaDropped("iq", fromText, "an answer to no request of ours");
            }

            return;
        }

        if (!Jid.TryParse(fromText, out var from) || id is null)
        {
            _logger.StanzaDropped("iq", fromText, "no valid 'from' or 'id' to answer");
            return;
        }

        if (IsRejected(iq, from, type, out var rejection))
        {
            if (rejection is not null)
            {
                await ReplyAsync(iq, Stanza.Error(iq, rejection), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var payload = iq.Elements().Single();
        var route = new IqRoute(type!.Value, payload.Name);
        if (!_routes.TryGetValue(route, out var handler))
        {
            // RFC 6120 §8.3.3.3: a namespace we serve, asked with the other iq type, is not implemented;
            // a namespace we do not serve at all is unavailable.
            var other = route with { Type = route.Type == IqType.Get ? IqType.Set : IqType.Get };
            var error = _routes.ContainsKey(other)
                ? StanzaErrors.FeatureNotImplemented($"{payload.Name.NamespaceName} is only answered with iq type {Stanza.ToWire(other.Type)}.")
                : StanzaErrors.ServiceUnavailable();
            await ReplyAsync(iq, Stanza.Error(iq, error), cancellationToken).ConfigureAwait(false);
            return;
        }

        IqResponse response;
        try
        {
            var request = new IqRequest(from, Jid.Parse((string)iq.Attribute("to")!), id, route.Type, payload, Stanza.Language(iq));
            response = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.HandlerFailed(route.ToString(), from.ToString(), e);
            response = IqResponse.Fail(StanzaErrors.InternalServerError("The request failed unexpectedly; the error was logged."));
        }

        var reply = response.Error is { } failure ? Stanza.Error(iq, failure) : Stanza.Result(iq, response.Payload);
        await ReplyAsync(iq, reply, cancellationToken).ConfigureAwait(false);
    }

    // A rejected iq gets the error, or nothing at all (null) once its sender is silenced.
    private bool IsRejected(XElement iq, Jid from, IqType? type, out StanzaError? error)
    {
        error = null;
        if (type is null)
        {
            error = StanzaErrors.BadRequest("The iq type must be get, set, result or error.");
        }
        else if (iq.Elements().Take(2).Count() != 1)
        {
            // RFC 6120 §8.2.3: a get or set carries exactly one payload element.
            error = StanzaErrors.BadRequest("An iq get or set must carry exactly one child element.");
        }
        else if (!Jid.TryParse((string?)iq.Attribute("to"), out var to) || !to.Equals(Domain))
        {
            error = StanzaErrors.ServiceUnavailable($"Only {Domain} answers requests.");
        }
        else
        {
            switch (_limiter.Check(from.Bare.ToString()))
            {
                case RateDecision.Allowed:
                    return false;
                case RateDecision.Refused:
                    _logger.RateLimited(from.Bare.ToString());
                    error = StanzaErrors.RateLimited("Too many requests; wait a moment before trying again.");
                    break;
                default:
                    _logger.StanzaDropped("iq", from.ToString(), "rate limit, silenced");
                    break;
            }
        }

        return true;
    }

    private async Task ReplyAsync(XElement request, XElement reply, CancellationToken cancellationToken)
    {
        try
        {
            await SendLoggedAsync(reply, cancellationToken).ConfigureAwait(false);
        }
        catch (StanzaTooLargeException e)
        {
            _logger.ReplyTooLarge((string?)request.Attribute("from") ?? "?", e.Message);
            await SendLoggedAsync(
                Stanza.Error(request, StanzaErrors.ResourceConstraint("The answer is larger than this service sends in one stanza; ask for less, e.g. a shorter time range.")),
                cancellationToken).ConfigureAwait(false);
        }
        catch (LinkUnavailableException e)
        {
            _logger.StanzaDropped(reply.Name.LocalName, (string?)reply.Attribute("to"), e.Message);
        }
        catch (ArgumentException e)
        {
            // A handler produced an unwritable stanza (bad characters, bad address): the requester still gets an answer.
            _logger.HandlerFailed("reply", (string?)request.Attribute("from") ?? "?", e);
            await SendLoggedAsync(Stanza.Error(request, StanzaErrors.InternalServerError("The answer could not be written; the error was logged.")), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task SendLoggedAsync(XElement stanza, CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _logger.StanzaSent(stanza.ToString(SaveOptions.DisableFormatting));
        }

        await _sender.SendAsync(stanza, cancellationToken).ConfigureAwait(false);
    }

    private async Task DispatchToAsync<THandler>(
        XElement stanza,
        IReadOnlyList<THandler> handlers,
        Func<THandler, XElement, CancellationToken, Task> handle,
        CancellationToken cancellationToken)
    {
        if ((string?)stanza.Attribute("type") == "error")
        {
            _logger.StanzaDropped(stanza.Name.LocalName, (string?)stanza.Attribute("from"), "an error, never answered");
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handle(handler, stanza, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.HandlerFailed(stanza.Name.LocalName, (string?)stanza.Attribute("from") ?? "?", e);
            }
        }
    }
}
