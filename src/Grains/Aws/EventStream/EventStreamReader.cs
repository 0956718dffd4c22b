using System.Buffers;

namespace MedifyAI.Aws.EventStream;

/// <summary>
/// Reads event-stream messages one at a time from a stream, holding at most one message in memory.
/// </summary>
public sealed class EventStreamReader
{
    private readonly Stream _stream;

    public EventStreamReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>
    /// Reads the next message, or returns <c>null</c> when the stream ends cleanly between messages.
    /// </summary>
    /// <exception cref="EventStreamException">The stream ended inside a message, or a checksum or length was invalid.</exception>
    public async ValueTask<EventStreamMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        var prelude = ArrayPool<byte>.Shared.Rent(EventStreamCodec.PreludeLength);
        try
        {
            var read = await FillAsync(prelude.AsMemory(0, EventStreamCodec.PreludeLength), cancellationToken)
                .ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            if (read < EventStreamCodec.PreludeLength)
            {
                throw Truncated(read, EventStreamCodec.PreludeLength);
            }

            var totalLength = EventStreamCodec.ReadPrelude(prelude.AsSpan(0, EventStreamCodec.PreludeLength));
            var message = new byte[totalLength];
            prelude.AsSpan(0, EventStreamCodec.PreludeLength).CopyTo(message);
            var rest = message.AsMemory(EventStreamCodec.PreludeLength);
            read = await FillAsync(rest, cancellationToken).ConfigureAwait(false);
            if (read < rest.Length)
            {
                throw Truncated(EventStreamCodec.PreludeLength + read, totalLength);
            }

            return EventStreamCodec.DecodeMessage(message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prelude);
        }
    }

    private async ValueTask<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await _stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static EventStreamException Truncated(int received, int expected) =>
        new(
            EventStreamErrorKind.Truncated,
            $"The event stream ended inside a message: received {received} of {expected} bytes.");
}
