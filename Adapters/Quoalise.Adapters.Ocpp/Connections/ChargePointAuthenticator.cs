using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quoalise.Adapters.Ocpp.Configuration;
using Quoalise.Adapters.Ocpp.Security;
using Quoalise.Adapters.Ocpp.Storage;

namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>
/// Decides an upgrade request before it is upgraded (OCPP security whitepaper, profiles 1 and 2): unknown
/// id → 404 (or registered under <c>Ocpp:AutoRegister</c>); Basic username must equal the id and the key
/// must match its hash (401 otherwise); profile 2 also needs TLS. A key verified once is remembered by its
/// SHA-256 until the stored hash changes, so that 5,000 chargers reconnecting do not cost 5,000 PBKDF2 runs.
/// Thread-safe.
/// </summary>
internal sealed class ChargePointAuthenticator
{
    private readonly ChargePointStore _chargePoints;
    private readonly OcppOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (string Hash, byte[] KeyDigest)> _verified = new(StringComparer.Ordinal);

    public ChargePointAuthenticator(ChargePointStore chargePoints, IOptions<OcppOptions> options, TimeProvider time, ILogger<ChargePointAuthenticator> logger)
    {
        _chargePoints = chargePoints;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <param name="mayAutoRegister">The handshake would succeed but for an unknown id: under <c>Ocpp:AutoRegister</c> the id is registered.</param>
    public async Task<HandshakeDecision> AuthenticateAsync(
        string chargePointId, BasicCredentials? credentials, bool isTls, bool mayAutoRegister, string? remote, CancellationToken cancellationToken)
    {
        if (credentials is not null && credentials.Username != chargePointId)
        {
            return HandshakeDecision.Refuse(401, $"the Basic username '{Shorten(credentials.Username)}' is not the charge point id");
        }

        var chargePoint = await _chargePoints.FindAsync(chargePointId, cancellationToken)
            ?? (mayAutoRegister ? await AutoRegisterAsync(chargePointId, credentials, remote, cancellationToken) : null);
        if (chargePoint is null)
        {
            OcppLog.UnknownChargePoint(_logger, chargePointId, remote);
            return HandshakeDecision.Refuse(404, "unknown charge point");
        }

        if (chargePoint.SecurityProfile >= 2 && !isTls)
        {
            return HandshakeDecision.Refuse(401, "security profile 2 requires TLS (wss://)");
        }

        if (chargePoint.SecurityProfile >= 1)
        {
            if (credentials is null)
            {
                return HandshakeDecision.Refuse(401, "no Basic credentials (security profile 1 or 2)");
            }

            if (chargePoint.AuthKeyHash is null || !Verify(chargePointId, credentials.Password, chargePoint.AuthKeyHash))
            {
                return HandshakeDecision.Refuse(401, "wrong authorization key");
            }
        }

        return HandshakeDecision.Allow(chargePoint);
    }

    private bool Verify(string chargePointId, string key, string hash)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        if (_verified.TryGetValue(chargePointId, out var known) && known.Hash == hash && CryptographicOperations.FixedTimeEquals(known.KeyDigest, digest))
        {
            return true;
        }

        if (!KeyHasher.Verify(key, hash))
        {
            return false;
        }

        _verified[chargePointId] = (hash, digest);
        return true;
    }

    // Trust on first use: a key presented at the first connection becomes the charge point's key (profile 1).
    private async Task<ChargePointRow?> AutoRegisterAsync(string chargePointId, BasicCredentials? credentials, string? remote, CancellationToken cancellationToken)
    {
        if (!_options.AutoRegister)
        {
            return null;
        }

        await _chargePoints.AddAsync(
            chargePointId,
            credentials is null ? 0 : 1,
            credentials is null ? null : KeyHasher.Hash(credentials.Password),
            _options.AutoRegisterStatus,
            autoRegistered: true,
            UnixMicros.From(_time.GetUtcNow()),
            cancellationToken);
        OcppLog.AutoRegistered(_logger, chargePointId, remote, _options.AutoRegisterStatus);
        return await _chargePoints.FindAsync(chargePointId, cancellationToken);
    }

    private static string Shorten(string text) => text.Length <= 48 ? text : text[..48] + "…";
}
