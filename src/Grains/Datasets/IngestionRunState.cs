namespace MedifyAI.Datasets;

/// <summary>The stored state of one ingestion run.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.IngestionRunState")]
public sealed class IngestionRunState
{
    [Id(0)] public required string RunId { get; set; }

    [Id(1)] public required string Source { get; set; }

    [Id(2)] public required DatasetFormat Format { get; set; }

    [Id(3)] public IngestionState State { get; set; }

    [Id(4)] public IngestionCounters Counters { get; set; } = new();

    [Id(5)] public long BytesTotal { get; set; }

    [Id(6)] public DateTimeOffset CreatedAt { get; set; }

    [Id(7)] public DateTimeOffset? StartedAt { get; set; }

    [Id(8)] public DateTimeOffset? UpdatedAt { get; set; }

    [Id(9)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(10)] public string? LastError { get; set; }

    [Id(11)] public int Resumes { get; set; }

    /// <summary>When the current attempt (the first start or the latest resume) began, for the throughput figure.</summary>
    [Id(12)] public DateTimeOffset? AttemptStartedAt { get; set; }

    /// <summary>Records already read when the current attempt began.</summary>
    [Id(13)] public long AttemptStartRecords { get; set; }

    [Id(14)] public long AttemptStartBytes { get; set; }

    public bool IsUnfinished => State is IngestionState.Queued or IngestionState.Running;

    /// <summary>Builds the compact snapshot the API returns, with throughput and ETA for an unfinished run.</summary>
    public IngestionRun ToSnapshot(string dataset, DateTimeOffset now)
    {
        var counters = Counters;
        var end = FinishedAt ?? now;
        var seconds = AttemptStartedAt is { } began ? (end - began).TotalSeconds : 0;
        var recordsPerSecond = seconds > 0 ? (counters.RecordsRead - AttemptStartRecords) / seconds : 0;
        var bytesPerSecond = seconds > 0 ? (counters.BytesRead - AttemptStartBytes) / seconds : 0;
        double? eta = IsUnfinished && bytesPerSecond > 0 && BytesTotal > 0
            ? Math.Max(0, (BytesTotal - counters.BytesRead) / bytesPerSecond)
            : null;

        return new IngestionRun
        {
            RunId = RunId,
            Dataset = dataset,
            Source = Source,
            Format = Format,
            State = State,
            BytesRead = counters.BytesRead,
            BytesTotal = BytesTotal,
            RecordsRead = counters.RecordsRead,
            RecordsAccepted = counters.RecordsAccepted,
            RecordsRejected = counters.RecordsRejected,
            RejectionsByReason = new Dictionary<string, long>(counters.RejectionsByReason),
            RejectionSamples = [.. counters.RejectionSamples],
            ChunksEmbedded = counters.ChunksEmbedded,
            ChunksIndexed = counters.ChunksIndexed,
            CreatedAt = CreatedAt,
            StartedAt = StartedAt,
            UpdatedAt = UpdatedAt,
            FinishedAt = FinishedAt,
            RecordsPerSecond = Math.Round(recordsPerSecond, 1),
            EstimatedSecondsRemaining = eta is { } value ? Math.Round(value, 1) : null,
            LastError = LastError,
            Resumes = Resumes,
        };
    }
}
