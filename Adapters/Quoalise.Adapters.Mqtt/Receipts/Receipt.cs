using System.Buffers.Binary;

namespace Quoalise.Adapters.Mqtt.Receipts;

/// <summary>
/// One QoS 1 message's delivery receipt: the stamp it got, remembered under its session and packet id with a hash of
/// its topic and payload, so that a redelivery (DUP, same packet id) gets the same stamp and overwrites instead of
/// duplicating. Eight bytes of SHA-256 for the session and the message: a collision would need the same session key,
/// packet id and message hash together.
/// </summary>
internal readonly record struct Receipt(long Session, ushort PacketId, long StampUs, long MessageHash)
{
    /// <summary>Size of <see cref="WriteTo"/>'s encoding.</summary>
    public const int Bytes = 26;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, Session);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], PacketId);
        BinaryPrimitives.WriteInt64BigEndian(destination[10..], StampUs);
        BinaryPrimitives.WriteInt64BigEndian(destination[18..], MessageHash);
    }

    public static Receipt ReadFrom(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64BigEndian(source),
        BinaryPrimitives.ReadUInt16BigEndian(source[8..]),
        BinaryPrimitives.ReadInt64BigEndian(source[10..]),
        BinaryPrimitives.ReadInt64BigEndian(source[18..]));
}
