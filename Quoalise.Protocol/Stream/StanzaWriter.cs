using System.Text;
using System.Xml;
using System.Xml.Linq;
using Quoalise.Protocol.Xml;

namespace Quoalise.Protocol.Stream;

/// <summary>
/// The one writer of a stream. Each stanza is serialised whole, checked against the outgoing cap,
/// then written under a lock, so concurrent handlers never interleave bytes. UTF-8 without a BOM: a
/// BOM mid-stream is not XML. Thread-safe.
/// </summary>
internal sealed class StanzaWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = Utf8,
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Fragment,
        Indent = false,
        CheckCharacters = true,
    };

    private readonly System.IO.Stream _stream;
    private readonly int _maxStanzaBytes;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public StanzaWriter(System.IO.Stream stream, int maxStanzaBytes)
    {
        _stream = stream;
        _maxStanzaBytes = maxStanzaBytes;
    }

    /// <summary>Serialises a stanza to UTF-8, as it will go on the wire.</summary>
    /// <exception cref="ArgumentException">The stanza holds characters XML cannot carry.</exception>
    public static byte[] Serialize(XElement stanza)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            stanza.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <exception cref="StanzaTooLargeException">Over the outgoing cap; nothing was written.</exception>
    public async Task WriteAsync(XElement stanza, CancellationToken cancellationToken)
    {
        var bytes = Serialize(stanza);
        if (bytes.Length > _maxStanzaBytes)
        {
            // Prosody drops the whole component link above 512 KiB (research §1.3): never send it.
            throw new StanzaTooLargeException($"An outgoing <{stanza.Name.LocalName}/> of {bytes.Length} bytes exceeds the {_maxStanzaBytes}-byte cap.");
        }

        await WriteRawAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes protocol text that is not a stanza: the stream header and its close tag.</summary>
    public Task WriteRawAsync(string text, CancellationToken cancellationToken) => WriteRawAsync(Utf8.GetBytes(text), cancellationToken);

    public void Dispose() => _lock.Dispose();

    private async Task WriteRawAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}
