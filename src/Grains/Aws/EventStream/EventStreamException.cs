namespace MedifyAI.Aws.EventStream;

/// <summary>An event stream was malformed: truncated, corrupted or out of the format's limits.</summary>
public sealed class EventStreamException : Exception
{
    public EventStreamException(EventStreamErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public EventStreamException(EventStreamErrorKind kind, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public EventStreamErrorKind Kind { get; }
}
