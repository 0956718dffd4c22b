using MedifyAI.Retrieval;

namespace MedifyAI.Ingestion;

/// <summary>A cleaned record ready for chunking: whitespace normalised, age and gender parsed.</summary>
public sealed record SourceRecord
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required ReferenceKind Kind { get; init; }

    public string? Title { get; init; }

    public string? Url { get; init; }

    public double? AgeYears { get; init; }

    /// <summary>M or F as published; null when absent or unrecognised.</summary>
    public string? Gender { get; init; }
}
