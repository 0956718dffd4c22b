namespace MedifyAI.Sessions;

/// <summary>The request conflicts with the session's current state, for example starting it twice.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.SessionConflictException")]
public sealed class SessionConflictException(string message) : Exception(message);
