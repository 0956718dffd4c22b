namespace MedifyAI.Sessions;

/// <summary>Result of starting a session.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.SessionStarted")]
public sealed record SessionStarted(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Greeting,
    [property: Id(2)] DateTimeOffset CreatedAt);
