using System.Buffers.Binary;
using System.Buffers.Text;

namespace Quoalise.Adapters.Mqtt.Receipts;

/// <summary>
/// The receipts of 32 consecutive packet ids of one session: the unit in which receipts are stored, one point each
/// (docs/mqtt.md, "Delivery receipts"). Each slot holds the newest receipt of its packet id; an older one (a log
/// replayed over a page saved later) never replaces it. Not thread-safe: <see cref="ReceiptBook"/> locks around it.
/// </summary>
internal sealed class ReceiptPage
{
    public const int Slots = 32;

    // Per slot: stamp, then message hash; a stamp of 0 is an empty slot.
    private const int SlotBytes = 16;

    private readonly long[] _stamps = new long[Slots];
    private readonly long[] _hashes = new long[Slots];

    /// <summary>Bumped by every change; <see cref="SavedVersion"/> is the one last committed.</summary>
    public long Version { get; private set; }

    public long SavedVersion { get; set; }

    public bool Unsaved => Version != SavedVersion;

    /// <summary>The flush generation in which the page was last used, so idle pages can leave memory.</summary>
    public long LastUsed { get; set; }

    public static int Index(ushort packetId) => packetId / Slots;

    public void Set(ushort packetId, long stampUs, long messageHash)
    {
        var slot = packetId % Slots;
        if (stampUs > _stamps[slot])
        {
            _stamps[slot] = stampUs;
            _hashes[slot] = messageHash;
            Version++;
        }
    }

    public bool TryGet(ushort packetId, out long stampUs, out long messageHash)
    {
        var slot = packetId % Slots;
        stampUs = _stamps[slot];
        messageHash = _hashes[slot];
        return stampUs != 0;
    }

    /// <summary>Base64url (RFC 8428's encoding of a data value): 683 characters, within storage's limit.</summary>
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Slots * SlotBytes];
        for (var slot = 0; slot < Slots; slot++)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes[(slot * SlotBytes)..], _stamps[slot]);
            BinaryPrimitives.WriteInt64BigEndian(bytes[((slot * SlotBytes) + 8)..], _hashes[slot]);
        }

        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>A page as stored; <see cref="FormatException"/> if it is not one.</summary>
    public static ReceiptPage Decode(string encoded)
    {
        var bytes = Base64Url.DecodeFromChars(encoded);
        if (bytes.Length != Slots * SlotBytes)
        {
            throw new FormatException($"A receipt page is {Slots * SlotBytes} bytes, not {bytes.Length}.");
        }

        var page = new ReceiptPage();
        for (var slot = 0; slot < Slots; slot++)
        {
            page._stamps[slot] = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(slot * SlotBytes));
            page._hashes[slot] = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan((slot * SlotBytes) + 8));
        }

        return page;
    }
}
