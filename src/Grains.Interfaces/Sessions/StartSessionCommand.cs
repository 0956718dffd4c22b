namespace MedifyAI.Sessions;

/// <summary>Input for starting a session.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.StartSessionCommand")]
public sealed record StartSessionCommand
{
    [Id(0)] public required PatientProfile Profile { get; init; }

    /// <summary>Subject of the caller that owns the session, or null where no identity is known.</summary>
    [Id(1)] public string? OwnerId { get; init; }
}
