using System.Globalization;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// One write or clear waiting in the writer queue, with the task its caller awaits.
/// </summary>
/// <remarks>
/// The writer computes <see cref="PendingETag"/> or <see cref="PendingError"/> inside the batch transaction and
/// publishes them to <see cref="Completion"/> only after the commit, so a caller never sees an ETag that was
/// rolled back.
/// </remarks>
internal sealed class SqliteWriteOperation
{
    public SqliteWriteOperation(
        SqliteWriteKind kind,
        string grainId,
        string stateName,
        string? expectedETag,
        byte[]? payload,
        CancellationToken cancellationToken)
    {
        Kind = kind;
        GrainId = grainId;
        StateName = stateName;
        ExpectedETag = expectedETag;
        Payload = payload;
        CancellationToken = cancellationToken;

        // An ETag this provider did not issue can never match a stored version.
        if (expectedETag is not null
            && long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            ExpectedVersion = version;
        }
    }

    public SqliteWriteKind Kind { get; }

    public string GrainId { get; }

    public string StateName { get; }

    /// <summary>The ETag the caller holds; null means the caller believes no record exists.</summary>
    public string? ExpectedETag { get; }

    /// <summary><see cref="ExpectedETag"/> parsed as a version, or null when it is null or not a number.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>Serialized state for <see cref="SqliteWriteKind.Write"/>; null for a clear.</summary>
    public byte[]? Payload { get; }

    /// <summary>Token honoured until the writer starts the operation; after that the operation runs to the end.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Completes with the new ETag once the batch holding this operation has committed.</summary>
    public TaskCompletionSource<string?> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? PendingETag { get; set; }

    public Exception? PendingError { get; set; }

    /// <summary>Publishes the result computed in the committed transaction.</summary>
    public void Publish()
    {
        if (PendingError is not null)
        {
            Completion.TrySetException(PendingError);
        }
        else
        {
            Completion.TrySetResult(PendingETag);
        }
    }
}
