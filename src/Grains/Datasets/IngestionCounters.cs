using MedifyAI.Datasets;

namespace MedifyAI.Datasets;

/// <summary>
/// Counters of one run. They are stored in the grain state and, as JSON, in the index checkpoint that commits
/// with each batch, which is the copy a resumed run continues from.
/// </summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.IngestionCounters")]
public sealed class IngestionCounters
{
    /// <summary>Samples kept per rejection reason.</summary>
    public const int SamplesPerReason = 3;

    [Id(0)] public long BytesRead { get; set; }

    [Id(1)] public long RecordsRead { get; set; }

    [Id(2)] public long RecordsAccepted { get; set; }

    [Id(3)] public long RecordsRejected { get; set; }

    [Id(4)] public Dictionary<string, long> RejectionsByReason { get; set; } = new(StringComparer.Ordinal);

    [Id(5)] public List<RejectionSample> RejectionSamples { get; set; } = [];

    [Id(6)] public long ChunksEmbedded { get; set; }

    [Id(7)] public long ChunksIndexed { get; set; }

    public void Reject(long recordNumber, string reason)
    {
        RecordsRejected++;
        var count = RejectionsByReason.GetValueOrDefault(reason) + 1;
        RejectionsByReason[reason] = count;
        if (count <= SamplesPerReason)
        {
            RejectionSamples.Add(new RejectionSample(recordNumber, reason));
        }
    }

    public IngestionCounters Clone() => new()
    {
        BytesRead = BytesRead,
        RecordsRead = RecordsRead,
        RecordsAccepted = RecordsAccepted,
        RecordsRejected = RecordsRejected,
        RejectionsByReason = new Dictionary<string, long>(RejectionsByReason, StringComparer.Ordinal),
        RejectionSamples = [.. RejectionSamples],
        ChunksEmbedded = ChunksEmbedded,
        ChunksIndexed = ChunksIndexed,
    };
}
