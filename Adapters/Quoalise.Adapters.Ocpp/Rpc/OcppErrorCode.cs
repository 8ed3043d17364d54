namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>
/// The RPC error vocabulary under our own names; <see cref="OcppErrors"/> spells each one as the
/// connection's version does (1.6 keeps the typos FormationViolation and OccurenceConstraintViolation).
/// </summary>
internal enum OcppErrorCode
{
    NotImplemented,
    NotSupported,
    InternalError,
    ProtocolError,
    SecurityError,
    FormatViolation,
    PropertyConstraintViolation,
    OccurrenceConstraintViolation,
    TypeConstraintViolation,
    GenericError,
    MessageTypeNotSupported,
    RpcFrameworkError,
}
