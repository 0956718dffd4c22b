namespace MedifyAI.Aws.EventStream;

/// <summary>One decoded event-stream message: its headers and payload, both checksums already verified.</summary>
public sealed record EventStreamMessage(IReadOnlyList<EventStreamHeader> Headers, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Value of the first string header named <paramref name="name"/>, or <c>null</c>.</summary>
    public string? GetString(string name)
    {
        foreach (var header in Headers)
        {
            if (header.Name == name && header.Value is string value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The <c>:message-type</c> header: <c>event</c>, <c>exception</c> or <c>error</c>.</summary>
    public string? MessageType => GetString(":message-type");
}
