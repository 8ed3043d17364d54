using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Protocol.Routing;

/// <summary>
/// Our outgoing iq requests awaiting an answer, keyed by id. An answer counts only if it comes from
/// the JID we asked (RFC 6120 §8.1.2.1), so nobody can answer in another's name. Thread-safe.
/// </summary>
internal sealed class PendingIqs
{
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    // Unpredictable prefix: ids of our requests must not be guessable by peers.
    private readonly string _prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private long _counter;

    public int Count => _pending.Count;

    public string NextId() => _prefix + "-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);

    /// <summary>Registers a request about to be sent; the task ends with the answering stanza.</summary>
    public Task<XElement> Register(string id, Jid to, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = new Pending(to);
        _pending[id] = pending;
        pending.Arm(timeout, cancellationToken, () => _pending.TryRemove(id, out _));
        return pending.Completion.Task;
    }

    /// <summary>Completes the matching request with a result or error stanza; false when none matches.</summary>
    public bool TryComplete(XElement answer)
    {
        var id = (string?)answer.Attribute("id");
        if (id is null || !_pending.TryGetValue(id, out var pending)
            || !Jid.TryParse((string?)answer.Attribute("from"), out var from) || !from.Equals(pending.To))
        {
            return false;
        }

        if (!_pending.TryRemove(id, out _))
        {
            return false;
        }

        pending.Dispose();
        return pending.Completion.TrySetResult(answer);
    }

    /// <summary>Fails every request: the link went down, and their answers will never reach us.</summary>
    public void FailAll(Exception reason)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.Dispose();
                pending.Completion.TrySetException(reason);
            }
        }
    }

    private sealed class Pending(Jid to) : IDisposable
    {
        private CancellationTokenSource? _timeout;
        private CancellationTokenRegistration _registration;

        public Jid To { get; } = to;

        public TaskCompletionSource<XElement> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arm(TimeSpan timeout, CancellationToken cancellationToken, Action remove)
        {
            _timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _timeout.CancelAfter(timeout);
            _registration = _timeout.Token.Register(() =>
            {
                remove();
                if (cancellationToken.IsCancellationRequested)
                {
                    Completion.TrySetCanceled(cancellationToken);
                }
                else
                {
                    Completion.TrySetException(new TimeoutException($"{To} did not answer within {timeout.TotalSeconds} s."));
                }
            });
        }

        public void Dispose()
        {
            _registration.Dispose();
            _timeout?.Dispose();
        }
    }
}
