using MedifyAI.Retrieval;

namespace MedifyAI.Api.Datasets;

/// <summary>Result of <c>POST /api/search</c>: passages, best first.</summary>
public sealed record SearchResponse(IReadOnlyList<RetrievedPassage> Results);
