using Microsoft.Extensions.Logging;

namespace MedifyAI.Datasets;

/// <summary>Log events of dataset ingestion: names, run ids, counts and durations; never record text.</summary>
internal static partial class DatasetLog
{
    [LoggerMessage(3000, LogLevel.Information,
        "Dataset {Dataset} run {RunId} started: format {Format}, {Bytes} bytes in {Objects} objects")]
    public static partial void RunStarted(ILogger logger, string dataset, string runId, DatasetFormat format, long bytes, int objects);

    [LoggerMessage(3001, LogLevel.Information,
        "Dataset {Dataset} run {RunId} resumes after record {RecordsRead} (resume {Resumes})")]
    public static partial void RunResumed(ILogger logger, string dataset, string runId, long recordsRead, int resumes);

    [LoggerMessage(3002, LogLevel.Information,
        "Dataset {Dataset} run {RunId} {State}: {RecordsRead} read, {Accepted} accepted, {Rejected} rejected, {Chunks} chunks in {ElapsedSeconds:F1} s")]
    public static partial void RunFinished(
        ILogger logger,
        string dataset,
        string runId,
        IngestionState state,
        long recordsRead,
        long accepted,
        long rejected,
        long chunks,
        double elapsedSeconds);

    [LoggerMessage(3003, LogLevel.Error, "Dataset {Dataset} run {RunId} failed with {ExceptionType}")]
    public static partial void RunFailed(ILogger logger, Exception exception, string dataset, string runId, string exceptionType);

    [LoggerMessage(3004, LogLevel.Information,
        "Dataset {Dataset} run {RunId} paused at record {RecordsRead} because the grain is deactivating; it resumes on the next activation")]
    public static partial void RunPaused(ILogger logger, string dataset, string runId, long recordsRead);

    [LoggerMessage(3005, LogLevel.Warning, "Dataset {Dataset} could not update the dataset registry")]
    public static partial void RegistryUpdateFailed(ILogger logger, Exception exception, string dataset);

    [LoggerMessage(3006, LogLevel.Information, "Waking {Count} datasets with unfinished ingestion runs")]
    public static partial void WakingUnfinished(ILogger logger, int count);

    [LoggerMessage(3007, LogLevel.Error, "Dataset {Dataset} could not be woken to resume its ingestion run")]
    public static partial void WakeFailed(ILogger logger, Exception exception, string dataset);

    [LoggerMessage(3008, LogLevel.Warning, "Dataset {Dataset} could not update its watchdog reminder (enable: {Enabled})")]
    public static partial void WatchdogFailed(ILogger logger, Exception exception, string dataset, bool enabled);
}
