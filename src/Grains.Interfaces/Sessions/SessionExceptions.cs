namespace MedifyAI.Sessions;

/// <summary>The session id names no started session.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.SessionNotFoundException")]
public sealed class SessionNotFoundException(string sessionId)
    : Exception($"Session '{sessionId}' was not found.")
{
    [Id(0)] public string SessionId { get; } = sessionId;
}

/// <summary>The session has ended and accepts no more messages.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.SessionEndedException")]
public sealed class SessionEndedException(string sessionId)
    : Exception($"Session '{sessionId}' has ended; start a new session to continue.")
{
    [Id(0)] public string SessionId { get; } = sessionId;
}

/// <summary>The request conflicts with the session's current state, for example starting it twice.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.SessionConflictException")]
public sealed class SessionConflictException(string message) : Exception(message);

/// <summary>A configured limit was exceeded; <see cref="Field"/> names the input at fault.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.SessionLimitExceededException")]
public sealed class SessionLimitExceededException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}
