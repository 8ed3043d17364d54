using System.Globalization;
using System.Text;

namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>Payload bytes as text for error rows and logs: UTF-8 where valid, <c>\xNN</c> otherwise, bounded.</summary>
internal static class PayloadText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes strict UTF-8 (no replacement characters), or returns null.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> payload)
    {
        try
        {
            return Strict.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static string Excerpt(ReadOnlySpan<byte> payload, int maxChars)
    {
        var text = new StringBuilder(Math.Min(maxChars, payload.Length) + 1);
        var rest = payload;
        while (!rest.IsEmpty && text.Length < maxChars)
        {
            if (Rune.DecodeFromUtf8(rest, out var rune, out var consumed) == System.Buffers.OperationStatus.Done
                && (!Rune.IsControl(rune) || rune.Value is '\n' or '\t'))
            {
                text.Append(rune.ToString());
            }
            else
            {
                for (var i = 0; i < consumed; i++)
                {
                    text.Append("\\x").Append(rest[i].ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            rest = rest[consumed..];
        }

        if (!rest.IsEmpty || text.Length > maxChars)
        {
            text.Length = Math.Min(text.Length, maxChars - 1);
            text.Append('…');
        }

        return text.ToString();
    }
}
