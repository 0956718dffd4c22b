using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace MedifyAI.Aws.EventStream;

/// <summary>
/// Encodes and decodes single messages of the AWS event-stream format (<c>application/vnd.amazon.eventstream</c>):
/// total length and headers length as big-endian uint32, a CRC32 of those 8 bytes, the headers, the payload, and
/// a CRC32 (IEEE) of everything before it.
/// </summary>
public static class EventStreamCodec
{
    /// <summary>Bytes of the prelude: total length, headers length and prelude CRC.</summary>
    public const int PreludeLength = 12;

    /// <summary>Bytes of the trailing message CRC.</summary>
    public const int MessageCrcLength = 4;

    /// <summary>Maximum headers section, 128 KiB, the format's limit.</summary>
    public const int MaxHeadersLength = 128 * 1024;

    /// <summary>Maximum payload, 16 MiB, the format's limit.</summary>
    public const int MaxPayloadLength = 16 * 1024 * 1024;

    /// <summary>Maximum message length that follows from the header and payload limits.</summary>
    public const int MaxMessageLength = PreludeLength + MaxHeadersLength + MaxPayloadLength + MessageCrcLength;

    /// <summary>Encodes one message.</summary>
    public static byte[] Encode(IEnumerable<EventStreamHeader> headers, ReadOnlySpan<byte> payload)
    {
        var headerBytes = EncodeHeaders(headers);
        var totalLength = PreludeLength + headerBytes.Length + payload.Length + MessageCrcLength;
        if (headerBytes.Length > MaxHeadersLength || payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException(
                $"The event-stream message exceeds the format's limits: headers {headerBytes.Length} bytes " +
                $"(max {MaxHeadersLength}), payload {payload.Length} bytes (max {MaxPayloadLength}).");
        }

        var message = new byte[totalLength];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), (uint)headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), Crc32.HashToUInt32(message.AsSpan(0, 8)));
        headerBytes.CopyTo(message, PreludeLength);
        payload.CopyTo(message.AsSpan(PreludeLength + headerBytes.Length));
        var crcOffset = totalLength - MessageCrcLength;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(crcOffset), Crc32.HashToUInt32(message.AsSpan(0, crcOffset)));
        return message;
    }

    /// <summary>
    /// Validates a prelude and returns the total message length; throws <see cref="EventStreamException"/> on a
    /// checksum mismatch or an out-of-range length.
    /// </summary>
    public static int ReadPrelude(ReadOnlySpan<byte> prelude)
    {
        var totalLength = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        var headersLength = BinaryPrimitives.ReadUInt32BigEndian(prelude[4..]);
        var expectedCrc = BinaryPrimitives.ReadUInt32BigEndian(prelude[8..]);
        var actualCrc = Crc32.HashToUInt32(prelude[..8]);
        if (expectedCrc != actualCrc)
        {
            throw new EventStreamException(
                EventStreamErrorKind.PreludeChecksumMismatch,
                $"Event-stream prelude CRC32 mismatch: expected 0x{expectedCrc:x8}, computed 0x{actualCrc:x8}.");
        }

        if (totalLength < PreludeLength + MessageCrcLength
            || totalLength > MaxMessageLength
            || headersLength > MaxHeadersLength
            || headersLength > totalLength - PreludeLength - MessageCrcLength)
        {
            throw new EventStreamException(
                EventStreamErrorKind.InvalidLength,
                $"Invalid event-stream lengths: total {totalLength} bytes, headers {headersLength} bytes.");
        }

        return (int)totalLength;
    }

    /// <summary>Decodes one complete message whose prelude <see cref="ReadPrelude"/> has validated.</summary>
    public static EventStreamMessage DecodeMessage(byte[] message)
    {
        var crcOffset = message.Length - MessageCrcLength;
        var expectedCrc = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(crcOffset));
        var actualCrc = Crc32.HashToUInt32(message.AsSpan(0, crcOffset));
        if (expectedCrc != actualCrc)
        {
            throw new EventStreamException(
                EventStreamErrorKind.MessageChecksumMismatch,
                $"Event-stream message CRC32 mismatch: expected 0x{expectedCrc:x8}, computed 0x{actualCrc:x8}.");
        }

        var headersLength = (int)BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(4));
        var headers = DecodeHeaders(message.AsSpan(PreludeLength, headersLength));
        var payload = new ReadOnlyMemory<byte>(message, PreludeLength + headersLength, crcOffset - PreludeLength - headersLength);
        return new EventStreamMessage(headers, payload);
    }

    private static byte[] EncodeHeaders(IEnumerable<EventStreamHeader> headers)
    {
        using var buffer = new MemoryStream();
        Span<byte> scratch = stackalloc byte[8];
        foreach (var header in headers)
        {
            var name = Encoding.UTF8.GetBytes(header.Name);
            if (name.Length is 0 or > byte.MaxValue)
            {
                throw new ArgumentException($"Event-stream header name '{header.Name}' must be 1 to 255 UTF-8 bytes.");
            }

            buffer.WriteByte((byte)name.Length);
            buffer.Write(name);
            buffer.WriteByte((byte)header.Type);
            switch (header.Type, header.Value)
            {
                case (EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse, _):
                    break;
                case (EventStreamHeaderType.Byte, sbyte value):
                    buffer.WriteByte(unchecked((byte)value));
                    break;
                case (EventStreamHeaderType.Short, short value):
                    BinaryPrimitives.WriteInt16BigEndian(scratch, value);
                    buffer.Write(scratch[..2]);
                    break;
                case (EventStreamHeaderType.Integer, int value):
                    BinaryPrimitives.WriteInt32BigEndian(scratch, value);
                    buffer.Write(scratch[..4]);
                    break;
                case (EventStreamHeaderType.Long, long value):
                    BinaryPrimitives.WriteInt64BigEndian(scratch, value);
                    buffer.Write(scratch);
                    break;
                case (EventStreamHeaderType.Timestamp, DateTimeOffset value):
                    BinaryPrimitives.WriteInt64BigEndian(scratch, value.ToUnixTimeMilliseconds());
                    buffer.Write(scratch);
                    break;
                case (EventStreamHeaderType.ByteArray, byte[] value):
                    WriteLengthPrefixed(buffer, value, header.Name);
                    break;
                case (EventStreamHeaderType.String, string value):
                    WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(value), header.Name);
                    break;
                case (EventStreamHeaderType.Uuid, Guid value):
                    buffer.Write(value.ToByteArray(bigEndian: true));
                    break;
                default:
                    throw new ArgumentException(
                        $"Event-stream header '{header.Name}' of type {header.Type} has a value of type " +
                        $"{header.Value.GetType().Name}, which does not match.");
            }
        }

        return buffer.ToArray();
    }

    private static void WriteLengthPrefixed(MemoryStream buffer, byte[] value, string name)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"Event-stream header '{name}' value is {value.Length} bytes; the maximum is 65535.");
        }

        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)value.Length);
        buffer.Write(length);
        buffer.Write(value);
    }

    private static List<EventStreamHeader> DecodeHeaders(ReadOnlySpan<byte> data)
    {
        var headers = new List<EventStreamHeader>();
        var offset = 0;
        while (offset < data.Length)
        {
            var nameLength = data[offset++];
            var name = Encoding.UTF8.GetString(Take(data, ref offset, nameLength));
            var type = (EventStreamHeaderType)Take(data, ref offset, 1)[0];
            object value = type switch
            {
                EventStreamHeaderType.BoolTrue => true,
                EventStreamHeaderType.BoolFalse => false,
                EventStreamHeaderType.Byte => unchecked((sbyte)Take(data, ref offset, 1)[0]),
                EventStreamHeaderType.Short => BinaryPrimitives.ReadInt16BigEndian(Take(data, ref offset, 2)),
                EventStreamHeaderType.Integer => BinaryPrimitives.ReadInt32BigEndian(Take(data, ref offset, 4)),
                EventStreamHeaderType.Long => BinaryPrimitives.ReadInt64BigEndian(Take(data, ref offset, 8)),
                EventStreamHeaderType.Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(
                    BinaryPrimitives.ReadInt64BigEndian(Take(data, ref offset, 8))),
                EventStreamHeaderType.ByteArray => Take(data, ref offset, ReadLength(data, ref offset)).ToArray(),
                EventStreamHeaderType.String => Encoding.UTF8.GetString(Take(data, ref offset, ReadLength(data, ref offset))),
                EventStreamHeaderType.Uuid => new Guid(Take(data, ref offset, 16), bigEndian: true),
                _ => throw new EventStreamException(
                    EventStreamErrorKind.InvalidHeader,
                    $"Event-stream header '{name}' has unknown value type {(byte)type}."),
            };
            headers.Add(new EventStreamHeader(name, type, value));
        }

        return headers;
    }

    private static int ReadLength(ReadOnlySpan<byte> data, ref int offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref offset, 2));

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int offset, int count)
    {
        if (count > data.Length - offset)
        {
            throw new EventStreamException(
                EventStreamErrorKind.InvalidHeader,
                $"An event-stream header runs past the end of the headers section at byte {offset}.");
        }

        var slice = data.Slice(offset, count);
        offset += count;
        return slice;
    }
}
