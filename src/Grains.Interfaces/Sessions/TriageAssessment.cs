namespace MedifyAI.Sessions;

/// <summary>A triage level with the findings and rules that produced it.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.TriageAssessment")]
public sealed record TriageAssessment(
    [property: Id(0)] TriageLevel Level,
    [property: Id(1)] IReadOnlyList<string> Reasons);
