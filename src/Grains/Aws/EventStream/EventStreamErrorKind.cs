namespace MedifyAI.Aws.EventStream;

/// <summary>Why an event stream could not be decoded.</summary>
public enum EventStreamErrorKind
{
    /// <summary>The stream ended inside a message.</summary>
    Truncated,

    /// <summary>The CRC32 of the 8-byte prelude did not match.</summary>
    PreludeChecksumMismatch,

    /// <summary>The CRC32 of the whole message did not match.</summary>
    MessageChecksumMismatch,

    /// <summary>A length field was out of range.</summary>
    InvalidLength,

    /// <summary>A header was malformed or had an unknown value type.</summary>
    InvalidHeader,
}
