namespace Quoalise.Adapters.Ocpp.Connections;

/// <summary>How a call from the central system to a charge point ended.</summary>
internal enum CallOutcomeKind
{
    /// <summary>A CALLRESULT came back.</summary>
    Result,

    /// <summary>A CALLERROR came back.</summary>
    Error,

    /// <summary>No answer within the call timeout.</summary>
    Timeout,

    /// <summary>The charge point is not connected, or went away before answering.</summary>
    Offline,

    /// <summary>Too many calls already wait for this connection.</summary>
    Busy,
}
