namespace MedifyAI.Aws.EventStream;

/// <summary>
/// One header of an event-stream message. <see cref="Value"/> is a <see cref="bool"/>, <see cref="sbyte"/>,
/// <see cref="short"/>, <see cref="int"/>, <see cref="long"/>, <see cref="byte"/>[], <see cref="string"/>,
/// <see cref="DateTimeOffset"/> (millisecond precision) or <see cref="Guid"/>, matching <see cref="Type"/>.
/// </summary>
public sealed record EventStreamHeader(string Name, EventStreamHeaderType Type, object Value)
{
    public static EventStreamHeader FromString(string name, string value) => new(name, EventStreamHeaderType.String, value);
}
