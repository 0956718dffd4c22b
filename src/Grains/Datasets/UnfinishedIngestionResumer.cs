using Microsoft.Extensions.Logging;

namespace MedifyAI.Datasets;

/// <summary>
/// Wakes every dataset whose latest run is unfinished, at silo start-up, so runs interrupted by a stop continue.
/// Orleans reminders would do the same, but the embedded silo has no durable reminder table; the registry
/// grain's durable state is the list to wake.
/// </summary>
public static class UnfinishedIngestionResumer
{
    public static async Task ResumeAllAsync(IGrainFactory grains, ILogger logger, CancellationToken cancellationToken)
    {
        var names = await grains.GetGrain<IDatasetRegistryGrain>(0).ListUnfinishedAsync().ConfigureAwait(false);
        if (names.Count == 0)
        {
            return;
        }

        DatasetLog.WakingUnfinished(logger, names.Count);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await grains.GetGrain<IDatasetGrain>(name).ResumeAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                DatasetLog.WakeFailed(logger, exception, name);
            }
        }
    }
}
