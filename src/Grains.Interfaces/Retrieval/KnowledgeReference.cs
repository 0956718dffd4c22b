namespace MedifyAI.Retrieval;

/// <summary>A retrieved record cited by a reply, a summary or a search result.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Retrieval.KnowledgeReference")]
public sealed record KnowledgeReference
{
    [Id(0)] public required string Dataset { get; init; }

    /// <summary>Id of the record in its source, for example the PMC-Patients <c>patient_uid</c> 7665777-1.</summary>
    [Id(1)] public required string RecordId { get; init; }

    [Id(2)] public required ReferenceKind Kind { get; init; }

    /// <summary>Article title or question.</summary>
    [Id(3)] public string? Title { get; init; }

    [Id(4)] public string? Url { get; init; }

    /// <summary>
    /// Relevance of the record's best-matching passage: its cosine similarity to the query (-1 to 1), or, when the
    /// retriever fuses rankings (<c>MedifyAI:Retrieval:Fusion</c>), its reciprocal rank fusion score (at most 2 / 61
    /// with the default constant). Compare scores within one response only.
    /// </summary>
    [Id(5)] public required double Score { get; init; }

    /// <summary>Patient age in years, for a patient case.</summary>
    [Id(6)] public double? AgeYears { get; init; }

    /// <summary>Patient gender as published (M or F), for a patient case.</summary>
    [Id(7)] public string? Gender { get; init; }

    /// <summary>Human-readable citation, for example <c>PMC 7665777-1</c> or <c>MedQuAD 0000001_1-1</c>.</summary>
    public string Citation => Kind switch
    {
        ReferenceKind.PatientCase => $"PMC {RecordId}",
        ReferenceKind.MedicalAnswer => $"MedQuAD {RecordId}",
        _ => $"{Dataset} {RecordId}",
    };
}
