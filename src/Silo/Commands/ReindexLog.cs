namespace MedifyAI.Silo.Commands;

/// <summary>Log events of the <c>reindex</c> command. They carry dataset names, index types and counts only.</summary>
internal static partial class ReindexLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "Re-indexing dataset {Dataset} from {Source} to {Target} (keep vectors: {KeepVectors}, batch size {BatchSize})")]
    public static partial void Started(ILogger logger, string dataset, string source, string target, bool keepVectors, int batchSize);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information,
        Message = "Re-indexed {Count} chunks of dataset {Dataset} from {Source} to {Target} in {Seconds:F1} s")]
    public static partial void Completed(ILogger logger, long count, string dataset, string source, string target, double seconds);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error,
        Message = "Re-indexing dataset {Dataset} from {Source} to {Target} failed after {Count} chunks")]
    public static partial void Failed(ILogger logger, Exception exception, string dataset, string source, string target, long count);
}
