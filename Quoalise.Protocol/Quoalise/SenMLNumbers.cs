using System.Globalization;

namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// Number forms shared by the XML and JSON codecs. Values are IEEE doubles in their shortest round-trip
/// form. Times are kept as 100 ns ticks and written as exact decimals, so any time a
/// <see cref="DateTimeOffset"/> holds (microseconds included) survives a write and a read unchanged,
/// which a detour through double would not guarantee near 1.7e9 s. Stateless and thread-safe.
/// </summary>
internal static class SenMLNumbers
{
    /// <summary>Room for any double in "R" form and any time within <see cref="MaxSeconds"/>.</summary>
    public const int MaxFormattedLength = 32;

    /// <summary>Seconds from the Unix epoch to year 10000: no time beyond it fits a <see cref="DateTimeOffset"/>.</summary>
    public const long MaxSeconds = 253_402_300_800;

    public const long TicksPerSecond = TimeSpan.TicksPerSecond;

    private const int FractionDigits = 7;

    // 11 digits of seconds times 10^7 still fits a long; longer goes the decimal way.
    private const int MaxPlainIntegerDigits = 11;

    /// <summary>Shortest round-trip form with a lower-case exponent (RFC 8428 §5: the "e" MUST be lower case).</summary>
    public static int FormatDouble(double value, Span<char> destination)
    {
        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        var exponent = destination[..written].IndexOf('E');
        if (exponent >= 0)
        {
            destination[exponent] = 'e';
        }

        return written;
    }

    public static string FormatDouble(double value)
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        return new string(buffer[..FormatDouble(value, buffer)]);
    }

    /// <summary>
    /// Ticks as decimal seconds: no fraction when whole, otherwise only the digits needed. Callers pass
    /// times and offsets within the <see cref="DateTimeOffset"/> range, far from <see cref="long.MinValue"/>.
    /// </summary>
    public static int FormatSeconds(long ticks, Span<char> destination)
    {
        var written = 0;
        if (ticks < 0)
        {
            destination[written++] = '-';
        }

        var magnitude = (ulong)Math.Abs(ticks);
        var seconds = magnitude / TicksPerSecond;
        var fraction = magnitude % TicksPerSecond;
        seconds.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        if (fraction != 0)
        {
            destination[written++] = '.';
            fraction.TryFormat(destination[written..], out digits, "D7", CultureInfo.InvariantCulture);
            written += digits;
            while (destination[written - 1] == '0')
            {
                written--;
            }
        }

        return written;
    }

    public static string FormatSeconds(long ticks)
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        return new string(buffer[..FormatSeconds(ticks, buffer)]);
    }

    /// <summary>A finite double in invariant form (exponent allowed, as xs:double and JSON allow).</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// Decimal seconds to ticks, rounded to the nearest 100 ns. Plain <c>123.456</c> forms take a fast exact
    /// path; exponent forms such as <c>1.276020076001e+09</c> go through <see cref="decimal"/>, still exact.
    /// </summary>
    public static SecondsParse TryParseSeconds(ReadOnlySpan<char> text, out long ticks)
    {
        if (TryParsePlainSeconds(text, out ticks))
        {
            return InRange(ticks) ? SecondsParse.Ok : SecondsParse.OutOfRange;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return FromDecimal(seconds, out ticks);
        }

        ticks = 0;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? SecondsParse.OutOfRange : SecondsParse.Malformed;
    }

    private static SecondsParse FromDecimal(decimal seconds, out long ticks)
    {
        ticks = 0;
        if (Math.Abs(seconds) > MaxSeconds)
        {
            return SecondsParse.OutOfRange;
        }

        ticks = (long)Math.Round(seconds * TicksPerSecond, MidpointRounding.AwayFromZero);
        return SecondsParse.Ok;
    }

    private static bool InRange(long ticks) => Math.Abs(ticks) <= MaxSeconds * TicksPerSecond;

    // [+-]digits[.digits]: what our writer and the Python implementations emit. Anything else (exponent,
    // whitespace, too many integer digits) returns false and is left to the decimal parser.
    private static bool TryParsePlainSeconds(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        long seconds = 0;
        var integerStart = i;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            if (i - integerStart == MaxPlainIntegerDigits)
            {
                return false;
            }

            seconds = (seconds * 10) + (text[i] - '0');
        }

        var integerDigits = i - integerStart;
        long fraction = 0;
        var fractionDigits = 0;
        var roundUp = false;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, fractionDigits++)
            {
                if (fractionDigits < FractionDigits)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                }
                else if (fractionDigits == FractionDigits)
                {
                    roundUp = text[i] >= '5';
                }
            }
        }

        if (i != text.Length || integerDigits + fractionDigits == 0)
        {
            return false;
        }

        for (var d = Math.Min(fractionDigits, FractionDigits); d < FractionDigits; d++)
        {
            fraction *= 10;
        }

        ticks = (seconds * TicksPerSecond) + fraction + (roundUp ? 1 : 0);
        if (negative)
        {
            ticks = -ticks;
        }

        return true;
    }
}
