namespace MedifyAI.Sessions;

/// <summary>One message from the patient.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.PatientMessage")]
public sealed record PatientMessage
{
    [Id(0)] public required string Text { get; init; }

    /// <summary>Client-chosen id that makes a retried request idempotent; optional.</summary>
    [Id(1)] public string? ClientMessageId { get; init; }
}
