using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Quoalise.Adapters.Mqtt.Storage;
using Quoalise.Protocol.Quoalise;

namespace Quoalise.Adapters.Mqtt.Receipts;

/// <summary>
/// The receipt log of one instance: a ring of points, each carrying the receipts of up to 29 messages, written in
/// front of those messages' readings in the same storage write, so committed readings always have their receipt. The
/// ring's slots are reused once <see cref="ReceiptBook"/> has saved their receipts in pages and moved the checkpoint
/// (the point at time 0) past them. Stateless and thread-safe.
/// </summary>
internal static class ReceiptLog
{
    public const string SeriesPrefix = "urn:dev:quoalise:mqtt-receipt-log:";

    /// <summary>Log points an instance may write past its checkpoint: far more than a flush interval's worth.</summary>
    public const int RingSlots = 16_384;

    /// <summary>29 × 26 bytes is 1,006 base64url characters, within storage's 1,024 for a data value.</summary>
    public const int ReceiptsPerPoint = 29;

    /// <summary>The log series of an instance: a hash, so that any instance name fits an identifier.</summary>
    public static string SeriesOf(string instance) =>
        SeriesPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instance)).AsSpan(0, 8));

    /// <summary>Everything up to <paramref name="sequence"/> is saved in pages.</summary>
    public static SenMLRecord Checkpoint(string series, long sequence) => new(series, DateTimeOffset.UnixEpoch, Value: sequence);

    public static bool IsCheckpoint(SenMLRecord point) => point.Time == DateTimeOffset.UnixEpoch;

    public static DateTimeOffset SlotTime(long sequence) => UnixMicroseconds.ToTime(1 + (sequence % RingSlots));

    /// <summary>The ring's range of times, after the checkpoint's.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Ring => (UnixMicroseconds.ToTime(1), UnixMicroseconds.ToTime(1 + RingSlots));

    public static SenMLRecord Point(string series, long sequence, ReadOnlySpan<Receipt> receipts)
    {
        Span<byte> bytes = stackalloc byte[ReceiptsPerPoint * Receipt.Bytes];
        for (var i = 0; i < receipts.Length; i++)
        {
            receipts[i].WriteTo(bytes[(i * Receipt.Bytes)..]);
        }

        return new SenMLRecord(series, SlotTime(sequence), Value: sequence, DataValue: Base64Url.EncodeToString(bytes[..(receipts.Length * Receipt.Bytes)]));
    }

    public static long SequenceOf(SenMLRecord point) => (long)(point.Value ?? throw new FormatException($"Receipt log point at {point.Time:O} has no sequence."));

    public static IEnumerable<Receipt> Receipts(SenMLRecord point)
    {
        var bytes = Base64Url.DecodeFromChars(point.DataValue ?? throw new FormatException($"Receipt log point at {point.Time:O} has no receipts."));
        if (bytes.Length % Receipt.Bytes != 0)
        {
            throw new FormatException($"Receipt log point at {point.Time:O} is {bytes.Length} bytes, not a multiple of {Receipt.Bytes}.");
        }

        for (var at = 0; at < bytes.Length; at += Receipt.Bytes)
        {
            yield return Receipt.ReadFrom(bytes.AsSpan(at));
        }
    }
}
