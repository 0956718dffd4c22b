namespace MedifyAI.Datasets;

/// <summary>The list of datasets, with the latest run of each; key 0.</summary>
public sealed class DatasetRegistryGrain(
    [PersistentState("registry", StorageNames.Datasets)] IPersistentState<DatasetRegistryState> registry)
    : Grain, IDatasetRegistryGrain
{
    async Task IDatasetRegistryGrain.UpdateAsync(DatasetSummary summary)
    {
        registry.State.Datasets[summary.Name] = summary;
        await registry.WriteStateAsync();
    }

    Task<IReadOnlyList<DatasetSummary>> IDatasetRegistryGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<DatasetSummary>>(
            registry.State.Datasets.Values.OrderBy(summary => summary.Name, StringComparer.Ordinal).ToList());

    Task<IReadOnlyList<string>> IDatasetRegistryGrain.ListUnfinishedAsync() =>
        Task.FromResult<IReadOnlyList<string>>(
            registry.State.Datasets.Values
                .Where(summary => summary.State is IngestionState.Queued or IngestionState.Running)
                .Select(summary => summary.Name)
                .ToList());
}
