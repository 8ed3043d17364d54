using System.Collections.Concurrent;
using System.Security.Cryptography;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Commands;

/// <summary>
/// Open interactive sessions, keyed by (session id, requester full JID): a session is only usable by
/// the JID that opened it, unlike slixmpp's store. Ids are 128-bit random and never reused. Idle
/// sessions expire; ended ones leave a tombstone so a late request gets session-expired rather than
/// bad-sessionid. Thread-safe.
/// </summary>
internal sealed class AdHocSessionStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Id, Jid Requester), AdHocSession> _sessions = new();
    private readonly ConcurrentDictionary<(string Id, Jid Requester), DateTimeOffset> _tombstones = new();
    private readonly AdHocSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<string> _newId;
    private readonly object _createGate = new();
    private DateTimeOffset _lastSweep;

    public AdHocSessionStore(AdHocSessionOptions options, TimeProvider time, Func<string>? newId = null)
    {
        _options = options;
        _time = time;
        _newId = newId ?? NewRandomId;
        _lastSweep = time.GetUtcNow();
    }

    public int Count => _sessions.Count;

    /// <summary>A fresh id for a command that completes at once and keeps no session.</summary>
    public string NewSessionId() => _newId();

    /// <summary>Opens a session, ending the requester's oldest when over its cap; null when the global cap is reached.</summary>
    public AdHocSession? Open(Jid requester, AdHocCommand command, string language)
    {
        var now = SweepIfDue();
        lock (_createGate)
        {
            var own = _sessions.Values.Where(s => s.Requester.Bare.Equals(requester.Bare)).OrderBy(s => s.LastUsed).ToList();
            foreach (var oldest in own.Take(Math.Max(0, own.Count - _options.MaxPerRequester + 1)))
            {
                End(oldest);
            }

            if (_sessions.Count >= _options.MaxTotal)
            {
                return null;
            }

            var session = new AdHocSession(_newId(), requester, command, language, now);
            _sessions[(session.Id, requester)] = session;
            return session;
        }
    }

    /// <summary>Finds the requester's session and marks it used; tells apart unknown ids from ended sessions.</summary>
    public SessionLookup Find(string id, Jid requester, out AdHocSession? session)
    {
        var now = SweepIfDue();
        var key = (id, requester);
        if (_sessions.TryGetValue(key, out session))
        {
            if (now - session.LastUsed <= _options.IdleTimeout)
            {
                session.LastUsed = now;
                return SessionLookup.Open;
            }

            End(session);
            session = null;
            return SessionLookup.Ended;
        }

        return _tombstones.ContainsKey(key) ? SessionLookup.Ended : SessionLookup.Unknown;
    }

    /// <summary>Ends a session (completed, canceled, expired or evicted), leaving a tombstone.</summary>
    public void End(AdHocSession session)
    {
        if (_sessions.TryRemove((session.Id, session.Requester), out _))
        {
            _tombstones[(session.Id, session.Requester)] = _time.GetUtcNow() + _options.TombstoneLifetime;
        }
    }

    /// <summary>Leaves a tombstone for the id of a command that completed without a session.</summary>
    public void Bury(string id, Jid requester) => _tombstones[(id, requester)] = _time.GetUtcNow() + _options.TombstoneLifetime;

    /// <summary>Ends idle sessions and forgets old tombstones; returns how many sessions expired.</summary>
    public int Sweep()
    {
        var now = _time.GetUtcNow();
        _lastSweep = now;
        var expired = 0;
        foreach (var session in _sessions.Values)
        {
            if (now - session.LastUsed > _options.IdleTimeout)
            {
                End(session);
                expired++;
            }
        }

        foreach (var (key, until) in _tombstones)
        {
            if (until < now)
            {
                _tombstones.TryRemove(key, out _);
            }
        }

        return expired;
    }

    private DateTimeOffset SweepIfDue()
    {
        var now = _time.GetUtcNow();
        if (now - _lastSweep >= SweepInterval)
        {
            Sweep();
        }

        return now;
    }

    private static string NewRandomId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
