using MedifyAI.Sessions;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Sessions;

/// <summary>Log events of patient sessions: ids, counts and durations only, never message text.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(1000, LogLevel.Information, "Session {SessionId} started")]
    public static partial void Started(ILogger logger, string sessionId);

    [LoggerMessage(1001, LogLevel.Debug,
        "Session {SessionId} turn {Turn}: {MessageLength} characters, {NewRedFlags} new red flags, triage {Triage}, {ElapsedMs:F2} ms")]
    public static partial void TurnCompleted(
        ILogger logger,
        string sessionId,
        int turn,
        int messageLength,
        int newRedFlags,
        TriageLevel triage,
        double elapsedMs);

    [LoggerMessage(1002, LogLevel.Information, "Session {SessionId} replayed the stored reply of turn {Turn}")]
    public static partial void Replayed(ILogger logger, string sessionId, int turn);

    [LoggerMessage(1003, LogLevel.Information, "Session {SessionId} ended after {Turns} turns with {RedFlags} red flags")]
    public static partial void Ended(ILogger logger, string sessionId, int turns, int redFlags);

    [LoggerMessage(1004, LogLevel.Error, "Session {SessionId} failed to write its state; the activation will reload it")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(1005, LogLevel.Warning,
        "Session {SessionId} turn {Turn}: responder {Responder} failed; the guided interview wrote the reply")]
    public static partial void ResponderFailed(ILogger logger, Exception exception, string sessionId, int turn, string responder);

    [LoggerMessage(1006, LogLevel.Information, "Session {SessionId} erased at its owner's request")]
    public static partial void Erased(ILogger logger, string sessionId);
}
