namespace MedifyAI.Retrieval;

/// <summary>
/// Where an ingestion run stands, committed in the same transaction as the chunks it covers, so a resumed run
/// neither loses nor repeats records.
/// </summary>
/// <param name="Dataset">Dataset name.</param>
/// <param name="RunId">Run id.</param>
/// <param name="RecordsRead">Records of the source consumed, accepted or rejected; a resume skips this many.</param>
/// <param name="State">The run's counters serialised by the ingestion code; the index stores it opaquely.</param>
public sealed record IndexCheckpoint(string Dataset, string RunId, long RecordsRead, string State);
