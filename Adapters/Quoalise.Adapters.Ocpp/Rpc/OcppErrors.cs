namespace Quoalise.Adapters.Ocpp.Rpc;

/// <summary>
/// The one factory of CALLERRORs and the reader of the codes charge points send. Codes are written in the
/// connection's version (research §1.4) and read in either spelling. Stateless and thread-safe.
/// </summary>
internal static class OcppErrors
{
    /// <summary>2.0.1 limits errorDescription to 255 characters; 1.6 sets no limit, we use the same.</summary>
    public const int MaxDescriptionLength = 255;

    public static OcppError Create(OcppVersion version, OcppErrorCode code, string description) =>
        new(Spell(version, code), description.Length <= MaxDescriptionLength ? description : description[..(MaxDescriptionLength - 1)] + "…");

    public static OcppError NotImplemented(OcppVersion version, string action) =>
        Create(version, OcppErrorCode.NotImplemented, $"'{Shorten(action)}' is not an OCPP {Describe(version)} action.");

    public static OcppError NotSupported(OcppVersion version, string action) =>
        Create(version, OcppErrorCode.NotSupported, $"This central system does not handle {action}.");

    public static OcppError NotAccepted(OcppVersion version, string action) =>
        Create(version, OcppErrorCode.SecurityError, $"{action} refused: send BootNotification and wait until it is Accepted.");

    public static OcppError Internal(OcppVersion version, string action) =>
        Create(version, OcppErrorCode.InternalError, $"{action} could not be processed now; retry later.");

    /// <summary>
    /// Not JSON, not an array, or no usable message id. 2.0.1 has RpcFrameworkError for it; 1.6 only
    /// FormationViolation.
    /// </summary>
    public static OcppError BadFrame(OcppVersion version, string why) =>
        Create(version, version == OcppVersion.V201 ? OcppErrorCode.RpcFrameworkError : OcppErrorCode.FormatViolation, why);

    public static OcppError UnknownMessageType(string why) =>
        Create(OcppVersion.V201, OcppErrorCode.MessageTypeNotSupported, why);

    /// <summary>The wire spelling of <paramref name="code"/> in <paramref name="version"/>.</summary>
    public static string Spell(OcppVersion version, OcppErrorCode code) => (version, code) switch
    {
        (OcppVersion.V16, OcppErrorCode.FormatViolation) => "FormationViolation",
        (OcppVersion.V16, OcppErrorCode.OccurrenceConstraintViolation) => "OccurenceConstraintViolation",

        // 1.6 has neither: the nearest 1.6 code is used.
        (OcppVersion.V16, OcppErrorCode.RpcFrameworkError) => "FormationViolation",
        (OcppVersion.V16, OcppErrorCode.MessageTypeNotSupported) => "NotSupported",
        _ => code.ToString(),
    };

    /// <summary>Reads a code a charge point sent, in either version's spelling; null when it is none of them.</summary>
    public static OcppErrorCode? Parse(string code) => code switch
    {
        "FormationViolation" or "FormatViolation" => OcppErrorCode.FormatViolation,
        "OccurenceConstraintViolation" or "OccurrenceConstraintViolation" => OcppErrorCode.OccurrenceConstraintViolation,
        _ => code.Length > 0 && char.IsAsciiLetterUpper(code[0]) && Enum.TryParse<OcppErrorCode>(code, ignoreCase: false, out var parsed) ? parsed : null,
    };

    private static string Describe(OcppVersion version) => version == OcppVersion.V16 ? "1.6" : "2.0.1";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
