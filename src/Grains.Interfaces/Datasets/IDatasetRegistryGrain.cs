using Orleans.Concurrency;

namespace MedifyAI.Datasets;

/// <summary>
/// The list of datasets and which of them have an unfinished run, so the silo can wake those at start-up.
/// There is one registry, with key 0.
/// </summary>
[Alias("MedifyAI.Datasets.IDatasetRegistryGrain")]
public interface IDatasetRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records a dataset's latest run; called by the dataset grain on every state change.</summary>
    [Alias("Update")]
    Task UpdateAsync(DatasetSummary summary);

    /// <summary>Returns every dataset, ordered by name.</summary>
    [AlwaysInterleave, Alias("List")]
    Task<IReadOnlyList<DatasetSummary>> ListAsync();

    /// <summary>Returns the names of datasets whose latest run is queued or running.</summary>
    [AlwaysInterleave, Alias("ListUnfinished")]
    Task<IReadOnlyList<string>> ListUnfinishedAsync();
}
