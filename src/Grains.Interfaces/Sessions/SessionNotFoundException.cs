namespace MedifyAI.Sessions;

/// <summary>The session id names no started session.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.SessionNotFoundException")]
public sealed class SessionNotFoundException(string sessionId)
    : Exception($"Session '{sessionId}' was not found.")
{
    [Id(0)] public string SessionId { get; } = sessionId;
}
