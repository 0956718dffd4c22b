namespace MedifyAI.Datasets;

/// <summary>Compact snapshot of one ingestion run: state, counters, timing and the last error.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Datasets.IngestionRun")]
public sealed record IngestionRun
{
    [Id(0)] public required string RunId { get; init; }

    [Id(1)] public required string Dataset { get; init; }

    /// <summary>Source as given: a local path, a <c>file://</c> URI, or <c>s3://bucket/key</c> (a key ending in / is a prefix).</summary>
    [Id(2)] public required string Source { get; init; }

    [Id(3)] public required DatasetFormat Format { get; init; }

    [Id(4)] public required IngestionState State { get; init; }

    [Id(5)] public long BytesRead { get; init; }

    /// <summary>Size of the source in bytes, or 0 while unknown.</summary>
    [Id(6)] public long BytesTotal { get; init; }

    /// <summary>Records read, accepted or rejected.</summary>
    [Id(7)] public long RecordsRead { get; init; }

    [Id(8)] public long RecordsAccepted { get; init; }

    [Id(9)] public long RecordsRejected { get; init; }

    /// <summary>Rejected records by reason, see <see cref="RejectionReasons"/>.</summary>
    [Id(10)] public IReadOnlyDictionary<string, long> RejectionsByReason { get; init; } =
        new Dictionary<string, long>();

    /// <summary>The first few rejected records, at most a handful per reason.</summary>
    [Id(11)] public IReadOnlyList<RejectionSample> RejectionSamples { get; init; } = [];

    [Id(12)] public long ChunksEmbedded { get; init; }

    [Id(13)] public long ChunksIndexed { get; init; }

    [Id(14)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(15)] public DateTimeOffset? StartedAt { get; init; }

    [Id(16)] public DateTimeOffset? UpdatedAt { get; init; }

    [Id(17)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Records read per second since the run (or its last resume) started.</summary>
    [Id(18)] public double RecordsPerSecond { get; init; }

    /// <summary>Estimated seconds to completion from the bytes still unread, or null while unknown.</summary>
    [Id(19)] public double? EstimatedSecondsRemaining { get; init; }

    [Id(20)] public string? LastError { get; init; }

    /// <summary>How often the run resumed from a checkpoint after a host restart.</summary>
    [Id(21)] public int Resumes { get; init; }
}
