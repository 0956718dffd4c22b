using Orleans.Concurrency;

namespace MedifyAI.Datasets;

/// <summary>
/// One dataset and its ingestion runs. The grain key is the dataset name (see <see cref="DatasetNames"/>).
/// A run continues in the background after <see cref="StartIngestionAsync"/> returns and resumes from its
/// last checkpoint when the host restarts.
/// </summary>
[Alias("MedifyAI.Datasets.IDatasetGrain")]
public interface IDatasetGrain : IGrainWithStringKey
{
    /// <summary>Checks the source, queues a new run and starts it; returns the run as queued.</summary>
    /// <exception cref="IngestionInProgressException">A run is already queued or running.</exception>
    /// <exception cref="IngestionSourceException">The source is invalid or cannot be read.</exception>
    [Alias("StartIngestion")]
    Task<IngestionRun> StartIngestionAsync(StartIngestionCommand command);

    /// <summary>Returns the current and past runs. The call is cheap and is served while a run is in progress.</summary>
    [AlwaysInterleave, Alias("GetStatus")]
    ValueTask<DatasetStatus> GetStatusAsync();

    /// <summary>Stops a queued or running run within a few seconds; a finished run is returned unchanged.</summary>
    /// <exception cref="DatasetNotFoundException">No run of this dataset has the id.</exception>
    [Alias("Cancel")]
    Task<IngestionRun> CancelAsync(string runId);

    /// <summary>Continues an unfinished run from its last checkpoint; does nothing when none is unfinished.</summary>
    [Alias("Resume")]
    Task ResumeAsync();
}
