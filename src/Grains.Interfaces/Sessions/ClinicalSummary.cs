using MedifyAI.Retrieval;

namespace MedifyAI.Sessions;

/// <summary>The structured note written when a session ends.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.ClinicalSummary")]
public sealed record ClinicalSummary
{
    /// <summary>Text every summary carries: the product gives no diagnosis.</summary>
    public const string StandardDisclaimer =
        "This summary was produced by an automated symptom interview. It is not a diagnosis and does not "
        + "replace assessment by a qualified clinician. If symptoms worsen or you are worried, seek medical care; "
        + "in an emergency call your local emergency number.";

    [Id(0)] public required string SessionId { get; init; }

    [Id(1)] public required string ChiefComplaint { get; init; }

    [Id(2)] public required string HistoryOfPresentIllness { get; init; }

    [Id(3)] public required IReadOnlyList<string> PertinentPositives { get; init; }

    [Id(4)] public required IReadOnlyList<string> PertinentNegatives { get; init; }

    [Id(5)] public required IReadOnlyList<RedFlag> RedFlags { get; init; }

    [Id(6)] public required TriageAssessment Triage { get; init; }

    [Id(7)] public required string Disclaimer { get; init; }

    [Id(8)] public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Which responder wrote the summary, for example <c>guided-interview</c>.</summary>
    [Id(9)] public required string Source { get; init; }

    /// <summary>Medications, allergies and history the patient gave in the profile or in answers.</summary>
    [Id(10)] public IReadOnlyList<string> RelevantHistory { get; init; } = [];

    /// <summary>Published patient cases similar to this one, for the clinician; not a diagnosis.</summary>
    [Id(11)] public IReadOnlyList<KnowledgeReference> SimilarCases { get; init; } = [];

    /// <summary>Trusted medical answers relevant to the reported symptoms.</summary>
    [Id(12)] public IReadOnlyList<KnowledgeReference> MedicalAnswers { get; init; } = [];

    /// <summary>
    /// One sentence on the references: which were found, or that none are available because no dataset is ingested.
    /// </summary>
    [Id(13)] public string? ReferencesNote { get; init; }
}
