namespace MedifyAI.Sessions;

/// <summary>The session has ended and accepts no more messages.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.SessionEndedException")]
public sealed class SessionEndedException(string sessionId)
    : Exception($"Session '{sessionId}' has ended; start a new session to continue.")
{
    [Id(0)] public string SessionId { get; } = sessionId;
}
