namespace Quoalise.Adapters.Ocpp.Storage;

/// <summary>
/// The widths of the text columns transaction messages fill (<c>Sql/*/0001_ocpp.sql</c>), and the one way their
/// values are made to fit. Transaction messages are never refused (OCPP 1.6 §4.7–4.10), so a value their schema
/// would refuse still reaches the database: cut to its column and cleaned of NUL (PostgreSQL stores none), and
/// the change recorded as a problem of the message, it never fails the insert on every retry nor the batch it
/// shares with other charge points. Stateless and thread-safe.
/// </summary>
internal static class ColumnWidths
{
    public const int IdTag = 36;
    public const int IdTagType = 20;
    public const int TransactionKey = 160;
    public const int StopReason = 32;
    public const int ChargingState = 20;
    public const int EventType = 16;
    public const int TriggerReason = 32;
    public const int Measurand = 48;
    public const int Phase = 8;
    public const int Location = 8;
    public const int Context = 24;
    public const int Format = 16;
    public const int Unit = 20;

    /// <summary>A TEXT column (MEDIUMTEXT on MariaDB/MySQL): as long as a message may be.</summary>
    public const int Text = int.MaxValue;

    /// <summary>Shown of a value in a problem: enough to recognise it.</summary>
    private const int ExcerptLength = 40;

    /// <param name="field">The field's name in the message, for the problem, e.g. <c>idTag</c>.</param>
    /// <returns>The value as stored: NUL replaced by U+FFFD, then cut to <paramref name="width"/> characters.</returns>
    public static string Fit(string value, int width, string field, List<string> problems)
    {
        var fitted = value;
        if (fitted.Contains('\0', StringComparison.Ordinal))
        {
            fitted = fitted.Replace('\0', '\uFFFD');
            problems.Add($"{field} holds NUL characters; stored with U+FFFD in their place.");
        }

        if (fitted.Length > width)
        {
            // Never half a surrogate pair: MySQL and PostgreSQL count characters, so one less is still within the width.
            var length = char.IsHighSurrogate(fitted[width - 1]) ? width - 1 : width;
            problems.Add($"{field} '{fitted[..Math.Min(ExcerptLength, length)]}…' is longer than {width} characters; stored cut to {width}.");
            fitted = fitted[..length];
        }

        return fitted;
    }

    /// <inheritdoc cref="Fit(string, int, string, List{string})"/>
    public static string? FitOptional(string? value, int width, string field, List<string> problems) =>
        value is null ? null : Fit(value, width, field, problems);
}
