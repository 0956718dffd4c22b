using Microsoft.Extensions.Logging;

namespace MedifyAI.Generation;

/// <summary>Log events of reply generation: ids, counts, reasons and durations only, never prompt or reply text.</summary>
internal static partial class GenerationLog
{
    [LoggerMessage(4200, LogLevel.Information, "Replies are written by {Provider} (source name {Source})")]
    public static partial void ProviderSelected(ILogger logger, GenerationProvider provider, string source);

    [LoggerMessage(4201, LogLevel.Warning,
        "Session {SessionId}: the {Source} reply was replaced by the guided interview's reply ({Reason})")]
    public static partial void ReplyReplaced(ILogger logger, string sessionId, string source, string reason);

    [LoggerMessage(4202, LogLevel.Warning,
        "Session {SessionId}: {Source} failed after {ElapsedMs} ms ({Reason}); the guided interview wrote the reply")]
    public static partial void ModelFailed(
        ILogger logger, Exception exception, string sessionId, string source, string reason, long elapsedMs);

    [LoggerMessage(4203, LogLevel.Debug,
        "Session {SessionId}: {Source} replied in {ElapsedMs} ms; prompt about {PromptTokens} tokens with {FoldedTurns} folded messages, {InputTokens} tokens in, {OutputTokens} out")]
    public static partial void ReplyWritten(
        ILogger logger,
        string sessionId,
        string source,
        long elapsedMs,
        int promptTokens,
        int foldedTurns,
        int? inputTokens,
        int? outputTokens);

    [LoggerMessage(4204, LogLevel.Warning,
        "Session {SessionId}: {Source} could not write the summary ({Reason}); the guided interview's summary is used")]
    public static partial void SummaryFailed(ILogger logger, Exception? exception, string sessionId, string source, string reason);
}
