using System.IO.Compression;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Brotli compression of serialized grain state. The marker <see cref="Brotli"/> is stored beside a compressed
/// payload so a read knows to decompress it.
/// </summary>
internal static class DynamoDbPayloadCompression
{
    /// <summary>Value of the compression attribute on an item whose payload is Brotli-compressed.</summary>
    public const string Brotli = "br";

    // Quality 5 of 11 compresses chat text to about the size quality 11 reaches, at a fraction of the CPU time.
    private const int BrotliQuality = 5;
    private const int BrotliWindowBits = 22;

    /// <summary>
    /// Compresses <paramref name="payload"/> when it is longer than <paramref name="threshold"/> bytes and the
    /// result is smaller; otherwise returns it unchanged with a null marker.
    /// </summary>
    public static (ReadOnlyMemory<byte> Payload, string? Compression) Compress(ReadOnlyMemory<byte> payload, int threshold)
    {
        if (payload.Length <= threshold)
        {
            return (payload, null);
        }

        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(payload.Length)];
        if (BrotliEncoder.TryCompress(payload.Span, buffer, out var written, BrotliQuality, BrotliWindowBits)
            && written < payload.Length)
        {
            return (buffer.AsMemory(0, written), Brotli);
        }

        return (payload, null);
    }

    /// <summary>Reverses <see cref="Compress"/> for a payload stored with <paramref name="compression"/>.</summary>
    /// <exception cref="InvalidDataException">The marker is unknown or the payload is not valid Brotli data.</exception>
    public static byte[] Decompress(byte[] payload, string? compression)
    {
        if (compression is null)
        {
            return payload;
        }

        if (!string.Equals(compression, Brotli, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The stored payload is marked with compression '{compression}', which this provider cannot read; "
                + $"only '{Brotli}' is supported.");
        }

        using var input = new MemoryStream(payload, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(payload.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
