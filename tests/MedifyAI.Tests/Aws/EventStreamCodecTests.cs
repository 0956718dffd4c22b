using System.Buffers.Binary;
using System.IO.Hashing;
using MedifyAI.Aws.EventStream;

namespace MedifyAI.Tests.Aws;

public sealed class EventStreamCodecTests
{
    private static readonly EventStreamHeader[] s_allTypes =
    [
        new("flag-true", EventStreamHeaderType.BoolTrue, true),
        new("flag-false", EventStreamHeaderType.BoolFalse, false),
        new("byte", EventStreamHeaderType.Byte, (sbyte)-7),
        new("short", EventStreamHeaderType.Short, (short)-1234),
        new("int", EventStreamHeaderType.Integer, 123456789),
        new("long", EventStreamHeaderType.Long, -9876543210L),
        new("bytes", EventStreamHeaderType.ByteArray, new byte[] { 0, 1, 254, 255 }),
        new(":event-type", EventStreamHeaderType.String, "PayloadPart"),
        new("time", EventStreamHeaderType.Timestamp, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123)),
        new("id", EventStreamHeaderType.Uuid, Guid.Parse("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")),
    ];

    [Fact]
    public async Task RoundTrip_AllHeaderTypes_PreservesValues()
    {
        var payload = "data: {\"token\":{\"text\":\"hi\"}}\n\n"u8.ToArray();
        using var stream = new MemoryStream([.. EventStreamCodec.Encode(s_allTypes, payload), .. EventStreamCodec.Encode([], [])]);
        var reader = new EventStreamReader(stream);

        var first = await reader.ReadAsync(CancellationToken.None);
        var second = await reader.ReadAsync(CancellationToken.None);
        var end = await reader.ReadAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal(payload, first.Payload.ToArray());
        Assert.Equal(s_allTypes.Length, first.Headers.Count);
        for (var i = 0; i < s_allTypes.Length; i++)
        {
            Assert.Equal(s_allTypes[i].Name, first.Headers[i].Name);
            Assert.Equal(s_allTypes[i].Type, first.Headers[i].Type);
            Assert.Equal(s_allTypes[i].Value, first.Headers[i].Value);
        }

        Assert.NotNull(second);
        Assert.Empty(second.Headers);
        Assert.True(second.Payload.IsEmpty);
        Assert.Null(end);
    }

    [Fact]
    public void Encode_KnownMessage_MatchesFormatLayout()
    {
        var message = EventStreamCodec.Encode([EventStreamHeader.FromString("a", "b")], "xy"u8);

        // 12 prelude + header (1 + 1 + 1 + 2 + 1 = 6) + 2 payload + 4 CRC.
        Assert.Equal(24u, BinaryPrimitives.ReadUInt32BigEndian(message));
        Assert.Equal(6u, BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(4)));
        Assert.Equal(Crc32.HashToUInt32(message.AsSpan(0, 8)), BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(8)));
        Assert.Equal(Crc32.HashToUInt32(message.AsSpan(0, 20)), BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(20)));
        Assert.Equal(new byte[] { 1, (byte)'a', 7, 0, 1, (byte)'b' }, message[12..18]);
    }

    [Fact]
    public async Task Read_PreludeCorrupted_ThrowsPreludeChecksumMismatch()
    {
        var message = EventStreamCodec.Encode([EventStreamHeader.FromString("a", "b")], "payload"u8);
        message[5] ^= 0x01;

        var error = await Assert.ThrowsAsync<EventStreamException>(() => ReadAllAsync(message));

        Assert.Equal(EventStreamErrorKind.PreludeChecksumMismatch, error.Kind);
    }

    [Fact]
    public async Task Read_PayloadCorrupted_ThrowsMessageChecksumMismatch()
    {
        var message = EventStreamCodec.Encode([EventStreamHeader.FromString("a", "b")], "payload"u8);
        message[^6] ^= 0x01;

        var error = await Assert.ThrowsAsync<EventStreamException>(() => ReadAllAsync(message));

        Assert.Equal(EventStreamErrorKind.MessageChecksumMismatch, error.Kind);
    }

    [Fact]
    public async Task Read_MessageCrcCorrupted_ThrowsMessageChecksumMismatch()
    {
        var message = EventStreamCodec.Encode([], "payload"u8);
        message[^1] ^= 0xFF;

        var error = await Assert.ThrowsAsync<EventStreamException>(() => ReadAllAsync(message));

        Assert.Equal(EventStreamErrorKind.MessageChecksumMismatch, error.Kind);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(20)]
    public async Task Read_TruncatedMessage_ThrowsTruncated(int keptBytes)
    {
        var message = EventStreamCodec.Encode([EventStreamHeader.FromString("a", "b")], "payload"u8);

        var error = await Assert.ThrowsAsync<EventStreamException>(() => ReadAllAsync(message[..keptBytes]));

        Assert.Equal(EventStreamErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public async Task Read_LengthBelowMinimum_ThrowsInvalidLength()
    {
        var prelude = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(prelude, 8);
        BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(8), Crc32.HashToUInt32(prelude.AsSpan(0, 8)));

        var error = await Assert.ThrowsAsync<EventStreamException>(() => ReadAllAsync(prelude));

        Assert.Equal(EventStreamErrorKind.InvalidLength, error.Kind);
    }

    [Fact]
    public async Task Read_UnknownHeaderType_ThrowsInvalidHeader()
    {
        var message = EventStreamCodec.Encode([EventStreamHeader.FromString("a", "b")], "p"u8);
        message[14] = 42;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(message.Length - 4), Crc32.HashToUInt32(message.AsSpan(0, message.Length - 4)));

        var error = await Assert.ThrowsAsync<EventStreamException>(() => ReadAllAsync(message));

        Assert.Equal(EventStreamErrorKind.InvalidHeader, error.Kind);
    }

    [Fact]
    public async Task Read_OneByteReads_DecodesMessage()
    {
        var message = EventStreamCodec.Encode([EventStreamHeader.FromString(":event-type", "PayloadPart")], "abc"u8);
        var reader = new EventStreamReader(new OneByteStream(message));

        var decoded = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal("PayloadPart", decoded?.GetString(":event-type"));
        Assert.Equal("abc"u8.ToArray(), decoded?.Payload.ToArray());
    }

    private static async Task ReadAllAsync(byte[] data)
    {
        var reader = new EventStreamReader(new MemoryStream(data));
        while (await reader.ReadAsync(CancellationToken.None) is not null)
        {
        }
    }

    private sealed class OneByteStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
